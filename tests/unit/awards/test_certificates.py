"""Certificates are real PDFs in which Vietnamese text renders and can be extracted."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from services.awards.certificates import CertificateRenderer, CertificateText
from services.awards.settings import AwardsSettings


def renderer() -> CertificateRenderer:
    settings = AwardsSettings()
    return CertificateRenderer(
        settings.certificate_font,
        settings.certificate_font_bold,
        settings.certificate_issuer,
        "Quảng Ngãi",
    )


def text(merit: bool = False) -> CertificateText:
    return CertificateText(
        programme_title="Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026",
        year=2026,
        category_name="Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
        merit=merit,
        nominee_name="Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông",
        citation="Đã làm chủ quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô.",
        announced_on=date(2026, 12, 20),
    )


def test_a_certificate_is_a_one_page_pdf_with_its_vietnamese_text_intact() -> None:
    pdf = renderer().render(text())

    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    extracted = reader.pages[0].extract_text()
    for line in (
        "BẰNG KHEN",
        "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG NGÃI",
        "Quảng Ngãi, ngày 20 tháng 12 năm 2026",
    ):
        assert line in extracted


def test_a_merit_certificate_is_a_giay_khen() -> None:
    extracted = PdfReader(io.BytesIO(renderer().render(text(merit=True)))).pages[0].extract_text()

    assert "GIẤY KHEN" in extracted


def test_a_missing_font_stops_the_service_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="fonts-dejavu-core"):
        CertificateRenderer(
            tmp_path / "none.ttf", tmp_path / "none-bold.ttf", "Sở KH&CN", "Quảng Ngãi"
        )
