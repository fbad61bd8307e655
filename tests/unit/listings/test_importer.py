"""Bulk import: every bad row is reported with its line number and reason."""

from __future__ import annotations

import json

import pytest

from services.listings.importer import (
    CatalogueFormat,
    CatalogueTooLargeError,
    RowError,
    parse,
)
from tests.unit.listings.factories import TODAY

HEADER = (
    "kind,title,summary,description,sector,trl,transfer_objects,price_vnd,valid_until,keywords\n"
)
GOOD_ROW = (
    "offer,Máy sấy cà phê bằng năng lượng mặt trời,Sấy 2 tấn cà phê nhân mỗi mẻ,"
    "Nhà sấy kính kết hợp quạt đối lưu cho nông hộ Đắk Hà,agro_forestry_fishery_processing,"
    "8,equipment_with_know_how;know_how,450000000,2027-12-31,cà phê;sấy\n"
)


def test_a_clean_csv_becomes_listings_with_list_columns_split() -> None:
    catalogue = parse(HEADER + GOOD_ROW + GOOD_ROW, CatalogueFormat.CSV, TODAY, 100)
    assert catalogue.errors == []
    assert len(catalogue.rows) == 2
    assert catalogue.rows[0].keywords == ["cà phê", "sấy"]
    assert catalogue.rows[0].trl == 8


def test_bad_csv_rows_are_reported_by_line_and_field() -> None:
    trl_ten = GOOD_ROW.replace(",8,", ",10,")
    past = GOOD_ROW.replace("2027-12-31", "2020-01-01")
    unknown_sector = GOOD_ROW.replace("agro_forestry_fishery_processing", "du_lich")
    text = HEADER + GOOD_ROW + trl_ten + past + unknown_sector
    errors = parse(text, CatalogueFormat.CSV, TODAY, 100).errors
    assert [(e.row, e.field) for e in errors] == [(3, "trl"), (4, "valid_until"), (5, "sector")]
    assert "9" in errors[0].message


def test_a_misspelt_column_is_an_error_not_silently_dropped() -> None:
    text = HEADER.replace("keywords", "keyword") + GOOD_ROW
    (error,) = parse(text, CatalogueFormat.CSV, TODAY, 100).errors
    assert error == RowError(2, "keyword", error.message)


def test_json_lines_report_unreadable_and_invalid_lines() -> None:
    good = {
        "kind": "demand",
        "title": "Cần giải pháp xử lý nước thải tinh bột sắn",
        "summary": "Nhà máy tinh bột sắn Sa Thầy cần xử lý 1.500 m³ nước thải mỗi ngày.",
        "description": "Nước thải có COD cao, gây mùi cho khu dân cư lân cận.",
        "desired_outcome": "Đạt QCVN 63:2017/BTNMT, thu hồi biogas.",
        "sector": "environment",
        "budget_min_vnd": 2_000_000_000,
        "budget_max_vnd": 1_000_000_000,
    }
    lines = [
        json.dumps(good | {"budget_min_vnd": 500_000_000}),
        "{oops",
        "",
        json.dumps(good),
        "[1]",
    ]
    catalogue = parse("\n".join(lines), CatalogueFormat.JSONL, TODAY, 100)
    assert len(catalogue.rows) == 1
    assert [(e.row, e.field) for e in catalogue.errors] == [
        (2, "(row)"),
        (4, "budget_min_vnd"),
        (5, "(row)"),
    ]


def test_an_unknown_location_code_is_a_row_error() -> None:
    row = GOOD_ROW.replace("cà phê;sấy\n", "cà phê;sấy,99999\n")
    errors = parse(
        HEADER.replace("\n", ",location_code\n") + row, CatalogueFormat.CSV, TODAY, 9
    ).errors
    assert [(e.row, e.field) for e in errors] == [(2, "location_code")]


def test_a_catalogue_above_the_row_limit_is_refused_whole() -> None:
    with pytest.raises(CatalogueTooLargeError):
        parse(HEADER + GOOD_ROW * 3, CatalogueFormat.CSV, TODAY, 2)


def test_the_format_follows_the_file_name() -> None:
    assert CatalogueFormat.of("danh_muc.JSONL") is CatalogueFormat.JSONL
    assert CatalogueFormat.of("danh_muc.csv") is CatalogueFormat.CSV


def test_each_row_error_names_its_rule_and_bound_for_clients_that_word_it() -> None:
    trl_ten = GOOD_ROW.replace(",8,", ",10,")
    past = GOOD_ROW.replace("2027-12-31", "2020-01-01")
    errors = parse(HEADER + trl_ten + past, CatalogueFormat.CSV, TODAY, 100).errors
    assert [(e.code, e.limit) for e in errors] == [
        ("less_than_equal", 9),
        ("validation-failed", None),
    ]
