"""Self-service sign-up: the organisation's form as typed, the API body it makes, and an
organisation waiting for a broker to verify it, as the verification page shows it.

The rules (a tax code's check digit, today's communes, what each kind must give) are the
listings API's; it refuses with each field named, and the form shows the refusal beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.portal.domain import formatting, labels
from shared.text import folded_syllables

TEXT_FIELDS = (
    "kind", "name", "tax_code", "province_code", "commune_code",
    "st_enterprise_certificate", "contact_name", "email", "phone", "language",
)  # fmt: skip
FIELDS = TEXT_FIELDS
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class RegistrationForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def with_errors(self, errors: dict[str, str]) -> RegistrationForm:
        return RegistrationForm(values=self.values, errors=errors)


def read_registration_form(data: Mapping[str, str]) -> RegistrationForm:
    values = {name: str(data.get(name, "")).strip() for name in FIELDS}
    values["language"] = values["language"] if values["language"] in LANGUAGES else "vi"
    return RegistrationForm(values=values)


def registration_body(form: RegistrationForm) -> dict[str, Any]:
    """What was filled in, as the API reads it; an empty field is left out (the API says
    which ones it needs)."""
    return {name: value for name, value in form.values.items() if value}


@dataclass(frozen=True)
class OrganizationCard:
    """An organisation as a broker sees it: in the verification queue or the directory."""

    organization_id: str
    name: str
    kind_label: str
    place: str
    tax_code: str
    contact: str
    registered_on: str


def named_like(cards: list[OrganizationCard], words: str) -> list[OrganizationCard]:
    """The organisations whose name, tax code or place holds every word typed, with or
    without diacritics ("htx duoc lieu" finds "HTX Dược liệu Tu Mơ Rông")."""
    wanted = folded_syllables(words)
    return [
        card
        for card in cards
        if all(w in folded_syllables(f"{card.name} {card.tax_code} {card.place}") for w in wanted)
    ]


def organization_card(raw: Mapping[str, Any]) -> OrganizationCard:
    contact = raw.get("contact") or {}
    commune = (raw.get("commune") or {}).get("name")
    province = (raw.get("province") or {}).get("name", "")
    registered = raw.get("registered_at")
    reach = [contact.get("contact_name"), contact.get("email"), contact.get("phone")]
    return OrganizationCard(
        organization_id=str(raw["organization_id"]),
        name=str(raw.get("name", "")),
        kind_label=labels.label(labels.ORGANIZATION_KINDS, raw.get("kind")),
        place=", ".join(p for p in (commune, province) if p),
        tax_code=str(contact.get("tax_code") or ""),
        contact=" · ".join(str(r) for r in reach if r),
        registered_on=formatting.local_day(
            datetime.fromisoformat(registered) if registered else None
        ),
    )
