"""Bulk import of an existing catalogue (CSV or JSON Lines): all rows or none.

Columns (CSV header / JSON keys) are the content fields of `ListingCreate` (see README): `kind`,
`title`, `summary`, `description`, `sector`, `trl` … In CSV, list columns (`keywords`,
`transfer_objects`, `transfer_forms`, `ip_registration_numbers`, `related_products`,
`attachments`) separate items with `;`, and an empty cell means "not given". Rows are
reported by their line number in the file (the CSV header is line 1).

    python -m services.listings.importer catalogue.csv --org org_kontum_ud

The CLI writes the listings and their events in one transaction; the running listings
service's outbox relay publishes the events.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as attribute
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ConfigDict, ValidationError

from services.listings.domain.errors import InvalidInputError
from services.listings.domain.listings import location_of
from services.listings.domain.terms import ListingTerms, violations
from shared import errors
from shared.text import nfc_deep

LIST_COLUMNS = frozenset(
    {
        "keywords",
        "transfer_objects",
        "transfer_forms",
        "ip_registration_numbers",
        "related_products",
        "attachments",
    }
)


class _Row(ListingTerms):
    """A row may hold only known columns: a misspelt header must not be dropped silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CatalogueFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"

    @classmethod
    def of(cls, file_name: str) -> CatalogueFormat:
        suffix = Path(file_name).suffix.lower()
        return cls.JSONL if suffix in (".jsonl", ".ndjson") else cls.CSV


BOUNDS = ("min_length", "max_length", "ge", "le", "gt", "lt")
"""Constraints of a column whose bound a client may quote in its own words."""


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str
    code: str = attribute(default="validation-failed", compare=False)
    """Which rule: a pydantic error type (`missing`, `extra_forbidden`, `less_than_equal`…),
    `validation-failed` for a business rule, `invalid-row` for a line that is no row at all;
    a client (the portal) words it in its own language."""
    limit: int | float | str | None = attribute(default=None, compare=False)

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    rows: list[ListingTerms]
    errors: list[RowError]


class CatalogueTooLargeError(errors.RuleBrokenError):
    """Too many rows for one catalogue: split it."""

    default_code = "catalogue-too-large"
    default_title = "Catalogue too large"


def raw_rows(text: str, fmt: CatalogueFormat) -> Iterator[tuple[int, Any]]:
    """(line number, decoded row) for every non-blank row."""
    if fmt == CatalogueFormat.CSV:
        reader = csv.DictReader(io.StringIO(text))
        for record in reader:
            yield reader.line_num, _from_csv(record)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, _from_json(line)


def _from_csv(record: dict[str | Any, str | Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column, cell in record.items():
        if column is None:  # more cells than header columns
            row["(extra cells)"] = cell
        elif cell is not None and cell.strip():
            name = column.strip()
            row[name] = (
                [i.strip() for i in cell.split(";") if i.strip()] if name in LIST_COLUMNS else cell
            )
    return row


def _from_json(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return _Unreadable(f"not JSON: {exc.msg}")


@dataclass(frozen=True)
class _Unreadable:
    reason: str


def parse(text: str, fmt: CatalogueFormat, today: date, max_rows: int) -> Catalogue:
    """Every row checked against the same rules as the API; all errors reported at once."""
    rows: list[ListingTerms] = []
    errors: list[RowError] = []
    for number, raw in raw_rows(text, fmt):
        if len(rows) + len(errors) >= max_rows:
            raise CatalogueTooLargeError(f"more than {max_rows} rows: split the catalogue")
        terms, problems = check_row(number, raw, today)
        errors.extend(problems)
        if terms is not None and not problems:
            rows.append(terms)
    return Catalogue(rows, errors)


def check_row(number: int, raw: Any, today: date) -> tuple[ListingTerms | None, list[RowError]]:
    if isinstance(raw, _Unreadable):
        return None, [RowError(number, "(row)", raw.reason, "invalid-row")]
    if not isinstance(raw, dict):
        return None, [RowError(number, "(row)", "must be a JSON object", "invalid-row")]
    try:
        row = _Row.model_validate(nfc_deep(raw))
    except ValidationError as exc:
        return None, [_row_error(number, e) for e in exc.errors(include_url=False)]
    terms = ListingTerms.model_validate(row.model_dump())
    problems = [RowError(number, v.field, v.message) for v in violations(terms, today)]
    try:
        location_of(terms, today, former_allowed=True)
    except InvalidInputError as exc:
        problems += [RowError(number, v.field, v.message) for v in exc.violations]
    return terms, problems


def _row_error(number: int, error: Any) -> RowError:
    field = ".".join(str(part) for part in error["loc"]) or "(row)"
    context = error.get("ctx") or {}
    bound = next((context[k] for k in BOUNDS if k in context), None)
    limit = bound if isinstance(bound, int | float | str) else None
    return RowError(number, field, str(error["msg"])[:200], str(error["type"]), limit)
