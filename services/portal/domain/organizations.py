"""An organisation's public profile, as its page shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.portal.domain import labels


@dataclass(frozen=True)
class OrganizationView:
    organization_id: str
    name: str
    name_en: str
    kind_label: str
    place: str
    verified: bool
    st_enterprise_certificate: str

    @property
    def verification(self) -> str:
        return "Đã được Sở KH&CN xác minh" if self.verified else "Chưa xác minh"


def organization_view(raw: Mapping[str, Any]) -> OrganizationView:
    commune = raw.get("commune") or {}
    province = raw.get("current_province") or raw.get("province") or {}
    place = ", ".join(str(x["name"]) for x in (commune, province) if x and x.get("name"))
    return OrganizationView(
        organization_id=str(raw["organization_id"]),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en") or ""),
        kind_label=labels.label(labels.ORGANIZATION_KINDS, raw.get("kind")),
        place=place,
        verified=bool(raw.get("verified")),
        st_enterprise_certificate=str(raw.get("st_enterprise_certificate") or ""),
    )
