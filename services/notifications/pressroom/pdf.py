"""The press pack as a PDF (A4, fpdf2) with an embedded Unicode font and the chart, so the
Vietnamese text renders the same on every reader and stays searchable (fpdf2 writes a
ToUnicode map, as the awards' certificates do)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fpdf import FPDF

from services.notifications.domain.press.model import PressPack

_FAMILY = "PressSans"
_INK = (31, 41, 51)
_ACCENT = (31, 95, 168)
_WIDTH = 180  # A4 less the margins, mm


class PressPdf:
    def __init__(self, font: Path, bold_font: Path, province: str):
        for path in (font, bold_font):
            if not path.is_file():
                # Fail at start-up, not at the first download.
                raise FileNotFoundError(
                    f"press pack font {path} is missing: install the Debian package "
                    "fonts-dejavu-core or set STX_NOTIFICATIONS_PRESS_FONT(_BOLD)"
                )
        self._font, self._bold_font, self._province = font, bold_font, province

    def render(self, pack: PressPack, chart_png: bytes, page_url: str | None) -> bytes:
        pdf = self._document(pack)
        self._heading(pdf, pack)
        self._figures(pdf, pack)
        pdf.image(BytesIO(chart_png), w=_WIDTH)
        self._facts(pdf, pack)
        self._section(pdf, "Kịch bản đọc trên phát thanh, truyền hình")
        self._paragraph(pdf, pack.script)
        if page_url:
            self._paragraph(pdf, f"Xem thêm: {page_url}", size=9)
        return bytes(pdf.output())

    def _document(self, pack: PressPack) -> FPDF:
        pdf = FPDF(orientation="P", unit="mm", format="A4")
        pdf.set_title(pack.headline)
        pdf.set_lang("vi")
        pdf.set_creator(f"Sàn giao dịch công nghệ tỉnh {self._province}")
        pdf.add_font(_FAMILY, "", str(self._font))
        pdf.add_font(_FAMILY, "B", str(self._bold_font))
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(auto=True, margin=15)
        pdf.add_page()
        pdf.set_text_color(*_INK)
        return pdf

    def _heading(self, pdf: FPDF, pack: PressPack) -> None:
        pdf.set_font(_FAMILY, "B", 10)
        pdf.set_text_color(*_ACCENT)
        pdf.cell(0, 6, f"TÀI LIỆU BÁO CHÍ · SÀN GIAO DỊCH CÔNG NGHỆ TỈNH {self._province.upper()}",
                 new_x="LMARGIN", new_y="NEXT")  # fmt: skip
        pdf.set_text_color(*_INK)
        pdf.set_font(_FAMILY, "B", 16)
        pdf.multi_cell(_WIDTH, 8, pack.headline, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        self._paragraph(pdf, pack.lead)

    def _figures(self, pdf: FPDF, pack: PressPack) -> None:
        self._section(pdf, "Số liệu nổi bật")
        for figure in pack.figures:
            pdf.set_font(_FAMILY, "B", 13)
            pdf.set_text_color(*_ACCENT)
            pdf.multi_cell(_WIDTH, 7, f"{figure.figure} {figure.caption}", align="L",
                           new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            pdf.set_text_color(*_INK)
            self._paragraph(pdf, f"“{figure.quote}”")

    def _facts(self, pdf: FPDF, pack: PressPack) -> None:
        self._section(pdf, "Thông tin")
        pdf.set_font(_FAMILY, "", 10)
        with pdf.table(col_widths=(70, 110), first_row_as_headings=False) as table:
            for fact in pack.facts:
                table.row((fact.label, fact.value))
        if pack.laureates:
            self._section(pdf, "Danh sách được tôn vinh")
            pdf.set_font(_FAMILY, "", 10)
            with pdf.table(col_widths=(75, 25, 80)) as table:
                table.row(("Tổ chức, cá nhân", "Hình thức", "Hạng mục"))
                for laureate in pack.laureates:
                    table.row((laureate.name, laureate.level, laureate.category))

    @staticmethod
    def _section(pdf: FPDF, title: str) -> None:
        pdf.ln(3)
        pdf.set_font(_FAMILY, "B", 12)
        pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")

    @staticmethod
    def _paragraph(pdf: FPDF, text: str, size: int = 11) -> None:
        pdf.set_font(_FAMILY, "", size)
        # left-aligned: justified lines would space words unevenly for a PDF reader's text
        pdf.multi_cell(_WIDTH, 5.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
