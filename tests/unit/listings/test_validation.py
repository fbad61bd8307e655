"""Vietnamese identifiers: tax codes (mã số thuế), phones, e-mail."""

from __future__ import annotations

import pytest

from services.listings.domain import validation


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("0300588569", "0300588569"),  # Vinamilk
        ("0100109106", "0100109106"),  # Viettel
        ("0101248141-001", "0101248141-001"),  # FPT, a branch
        ("0101248141001", "0101248141-001"),
    ],
)
def test_real_tax_codes_are_accepted_in_canonical_form(written: str, canonical: str) -> None:
    assert validation.tax_code(written) == canonical


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("030058856", "10 digits"),
        ("03005885690", "10 digits"),
        ("0300588569-01", "10 digits"),
        ("03005885AB", "10 digits"),
        ("0300588568", "check digit"),
        ("0300588569-000", "001-999"),
    ],
)
def test_malformed_tax_codes_are_refused_with_the_reason(written: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        validation.tax_code(written)


def test_a_number_needing_check_digit_ten_is_never_valid() -> None:
    first_nine = next(
        nine
        for nine in (f"{n:09d}" for n in range(10**8, 10**8 + 1000))
        if validation.tax_code_check_digit(nine) is None
    )
    for digit in "0123456789":
        with pytest.raises(ValueError, match="check digit"):
            validation.tax_code(first_nine + digit)


@pytest.mark.parametrize(
    ("written", "national"),
    [
        ("0905 123 456", "0905123456"),
        ("+84 905 123 456", "0905123456"),
        ("84368123456", "0368123456"),
        ("0260.3862.345", "02603862345"),  # a Kon Tum landline
        ("(024) 3825 1234", "02438251234"),
    ],
)
def test_vietnamese_phone_numbers_are_normalised(written: str, national: str) -> None:
    assert validation.phone(written) == national


@pytest.mark.parametrize("written", ["0123456789", "090512345", "+1 202 555 0143", "điện thoại"])
def test_phone_numbers_of_other_shapes_are_refused(written: str) -> None:
    with pytest.raises(ValueError, match="Vietnamese"):
        validation.phone(written)


def test_email_domain_is_lower_cased_and_nonsense_refused() -> None:
    assert validation.email("An.Nguyen@KonTum.GOV.VN") == "An.Nguyen@kontum.gov.vn"
    with pytest.raises(ValueError, match=r"name@example\.vn"):
        validation.email("an.nguyen@")
