"""The new-listing form: what the owner typed, kept to show again, and the API body it makes.

The rules are the listings API's (it refuses with each field named); the form only turns
strings into the JSON the API reads and leaves out what was not filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT_FIELDS = ("title", "summary", "description", "desired_outcome", "sector", "deadline")
NUMBER_FIELDS = ("trl", "min_trl", "price_vnd", "budget_max_vnd")
CHOICE_FIELDS = ("transfer_objects",)
"""Fields of several ticked values, kept comma-joined in the form's values."""
FLAGS = ("anonymous", "price_negotiable")
FIELDS = ("kind", *TEXT_FIELDS, *NUMBER_FIELDS, "keywords", *FLAGS, *CHOICE_FIELDS, "valid_until")


@dataclass(frozen=True)
class ListingForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def is_offer(self) -> bool:
        return self.values.get("kind") == "offer"

    @property
    def description_label(self) -> str:
        return "Mô tả công nghệ" if self.is_offer else "Vấn đề cần giải quyết"

    def chosen(self, name: str) -> set[str]:
        return {v for v in self.values.get(name, "").split(",") if v}

    def with_errors(self, errors: dict[str, str]) -> ListingForm:
        return ListingForm(values=self.values, errors=errors)


def read_listing_form(data: Mapping[str, str]) -> ListingForm:
    return ListingForm(values={name: str(data.get(name, "")).strip() for name in FIELDS})


def read_posted_listing_form(lists: Mapping[str, list[str]]) -> ListingForm:
    """A posted form: the last value of a field, every ticked value of a choice field."""
    flat = {name: values[-1] for name, values in lists.items() if values}
    for name in CHOICE_FIELDS:
        flat[name] = ",".join(v.strip() for v in lists.get(name, []) if v.strip())
    return read_listing_form(flat)


def api_body(form: ListingForm) -> dict[str, Any]:
    v = form.values
    body: dict[str, Any] = {"kind": v.get("kind", "")}
    for name in (*TEXT_FIELDS, "valid_until"):
        if v.get(name):
            body[name] = v[name]
    for name in NUMBER_FIELDS:
        if v.get(name):
            # Digits become a number; anything else goes as typed and the API names the field.
            text = v[name].replace(".", "").replace(" ", "")
            body[name] = int(text) if text.isdigit() else v[name]
    keywords = [k.strip() for k in v.get("keywords", "").split(",") if k.strip()]
    if keywords:
        body["keywords"] = keywords
    if v.get("kind") == "demand":
        body["anonymous"] = _ticked(v.get("anonymous"))
    else:
        body["price_negotiable"] = _ticked(v.get("price_negotiable"))
        body["transfer_objects"] = sorted(form.chosen("transfer_objects"))
    return body


def _ticked(value: str | None) -> bool:
    return value in {"on", "true", "1"}
