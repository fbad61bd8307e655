"""Certificate PDFs ("bằng khen" / "giấy khen") with fpdf2 and an embedded Unicode font.

The font is embedded (subset) so Vietnamese renders the same on every reader, and fpdf2
writes a ToUnicode map so the text stays searchable and extractable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF

_FAMILY = "CertificateSerif"
_INK = (20, 40, 110)
_RED = (170, 20, 20)


@dataclass(frozen=True)
class CertificateText:
    programme_title: str
    year: int
    category_name: str
    merit: bool
    nominee_name: str
    citation: str
    announced_on: date


class CertificateRenderer:
    def __init__(self, font: Path, bold_font: Path, issuer: str, province: str):
        for path in (font, bold_font):
            if not path.is_file():
                # Fail at start-up, not at the first download.
                raise FileNotFoundError(
                    f"certificate font {path} is missing: install the Debian package "
                    "fonts-dejavu-core or set STX_AWARDS_CERTIFICATE_FONT(_BOLD)"
                )
        self._font, self._bold_font = font, bold_font
        self._issuer, self._province = issuer, province

    def render(self, text: CertificateText) -> bytes:
        pdf = self._page()
        self._heading(pdf, text)
        self._body(pdf, text)
        self._signature(pdf, text)
        return bytes(pdf.output())

    def _page(self) -> FPDF:
        pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_title("Giấy chứng nhận khen thưởng")
        pdf.set_creator("STX — Sàn giao dịch công nghệ")
        pdf.add_font(_FAMILY, "", str(self._font))
        pdf.add_font(_FAMILY, "B", str(self._bold_font))
        pdf.set_auto_page_break(auto=False)
        pdf.set_margins(20, 15, 20)  # inside the double border
        pdf.add_page()
        pdf.set_draw_color(*_RED)
        pdf.set_line_width(1.2)
        pdf.rect(8, 8, 281, 194)
        pdf.set_line_width(0.4)
        pdf.rect(11, 11, 275, 188)
        return pdf

    def _heading(self, pdf: FPDF, text: CertificateText) -> None:
        pdf.set_text_color(*_INK)
        pdf.set_y(18)
        self._line(pdf, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
        self._line(pdf, "Độc lập - Tự do - Hạnh phúc", 12)
        pdf.ln(4)
        self._line(pdf, f"{self._issuer} tỉnh {self._province}".upper(), 13, bold=True)
        pdf.ln(6)
        pdf.set_text_color(*_RED)
        self._line(pdf, "GIẤY KHEN" if text.merit else "BẰNG KHEN", 34, bold=True, height=16)
        pdf.set_text_color(*_INK)
        self._line(pdf, "Tặng", 14)

    def _body(self, pdf: FPDF, text: CertificateText) -> None:
        pdf.ln(2)
        self._line(pdf, text.nominee_name, 22, bold=True, height=12)
        pdf.ln(3)
        pdf.set_font(_FAMILY, "", 13)
        pdf.set_x(30)
        pdf.multi_cell(237, 7, text.citation, align="C")
        pdf.ln(2)
        self._line(pdf, f"Hạng mục: {text.category_name}", 13)
        pdf.set_x(30)
        pdf.multi_cell(237, 7, f"{text.programme_title} — năm {text.year}", align="C")

    def _signature(self, pdf: FPDF, text: CertificateText) -> None:
        day = text.announced_on
        pdf.set_y(170)
        pdf.set_font(_FAMILY, "", 12)
        place_and_date = f"{self._province}, ngày {day.day} tháng {day.month} năm {day.year}"
        pdf.cell(0, 7, place_and_date, align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(_FAMILY, "B", 12)
        pdf.cell(0, 7, self._issuer.upper(), align="R")

    @staticmethod
    def _line(pdf: FPDF, line: str, size: int, *, bold: bool = False, height: float = 8) -> None:
        pdf.set_font(_FAMILY, "B" if bold else "", size)
        pdf.cell(0, height, line, align="C", new_x="LMARGIN", new_y="NEXT")
