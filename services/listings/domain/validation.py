"""Vietnamese identifiers: tax codes (mã số thuế), phone numbers, e-mail addresses.

Each checker returns the canonical form or raises `ValueError` with a message that says what
a valid value looks like; pydantic turns it into a field error at the edge.
"""

from __future__ import annotations

import re

# The tax authority's rule: the tenth digit is 10 - (weighted sum of the first nine mod 11).
# A sum leaving remainder 0 would need check digit 10, so such numbers are never issued.
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_FORMAT = re.compile(r"(\d{10})(?:-?(\d{3}))?")
_SEPARATORS = re.compile(r"[\s.()-]")
# Mobile prefixes since the 2018 renumbering (03x, 05x, 07x, 08x, 09x); landlines are
# 02 + a 1-3 digit area code, 11 digits in all (e.g. Kon Tum 0260 xxx xxxx).
_MOBILE = re.compile(r"0(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}")
_LANDLINE = re.compile(r"02\d{9}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)+")


def tax_code_check_digit(first_nine: str) -> int | None:
    """The tenth digit of a tax code starting with `first_nine`, or None if none is valid."""
    total = sum(int(d) * w for d, w in zip(first_nine, _TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return check if check < 10 else None


def tax_code(value: str) -> str:
    """10 digits (an enterprise) or 13 (a branch: `0123456789-001` or `0123456789001`)."""
    match = _TAX_FORMAT.fullmatch(value.strip())
    if match is None:
        raise ValueError("tax code must have 10 digits, or 13 written 0123456789-001")
    head, branch = match.groups()
    if tax_code_check_digit(head[:9]) != int(head[9]):
        raise ValueError("tax code check digit (10th digit) is wrong: check for a typo")
    if branch == "000":
        raise ValueError("tax code branch suffix must be 001-999")
    return f"{head}-{branch}" if branch else head


def phone(value: str) -> str:
    """A Vietnamese mobile or landline number, in the national form `0xxxxxxxxx`."""
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not (_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits)):
        raise ValueError(
            "phone must be a Vietnamese mobile (e.g. 0905 123 456) or landline "
            "(e.g. 0260 3862 345) number, optionally starting with +84"
        )
    return digits


def email(value: str) -> str:
    """A plausible address, lower-cased domain; delivery proves the rest."""
    address = value.strip()
    if len(address) > 254 or not _EMAIL.fullmatch(address):
        raise ValueError("email must look like name@example.vn")
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"
