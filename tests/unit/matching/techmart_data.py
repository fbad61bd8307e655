"""Realistic data for the connection-event tests: a ginseng techmart in Kon Tum, a university
and an institute bringing offers, cooperatives and an enterprise bringing demands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.matching.domain.connection_events.event import ConnectionEvent, EventPlan, announce
from services.matching.domain.connection_events.registrations import (
    Registration,
    RegistrationStatus,
)
from shared.events.connection_events import ParticipantRole

ANNOUNCED_AT = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
STARTS_AT = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 08:00 in Kon Tum
UNIVERSITY = "org_phan_hieu_dhdn_kon_tum"
INSTITUTE = "org_vien_duoc_lieu"
COOPERATIVE = "org_htx_sam_ngoc_linh_dak_glei"
ENTERPRISE = "org_cty_duoc_lieu_tu_mo_rong"


def plan(**changes: Any) -> EventPlan:
    data: dict[str, Any] = {
        "title": "Techmart sâm Ngọc Linh và dược liệu Kon Tum 2026",
        "kind": "techmart",
        "starts_at": "2026-12-03T08:00:00+07:00",
        "ends_at": "2026-12-03T17:00:00+07:00",
        "venue": "Trung tâm Hội nghị tỉnh, 358 Trần Hưng Đạo, TP Kon Tum",
        "focus_sectors": ["medicinal_herbs"],
        "capacity": 3,
        "registration_deadline": "2026-11-30T17:00:00+07:00",
        "slot_minutes": 20,
        "slot_count": 4,
        "tables": 2,
    }
    return EventPlan.model_validate(data | changes)


def techmart(**changes: Any) -> ConnectionEvent:
    event, _ = announce("cev_techmart_sam", plan(**changes), ANNOUNCED_AT)
    return event


def registration(
    organization_id: str, role: str = "supplier", minutes: int = 0, **changes: Any
) -> Registration:
    offers = (f"lst_offer_{organization_id}",) if role != "seeker" else ()
    demands = (f"lst_demand_{organization_id}",) if role != "supplier" else ()
    data: dict[str, Any] = {
        "event_id": "cev_techmart_sam",
        "organization_id": organization_id,
        "role": ParticipantRole(role),
        "offer_ids": offers,
        "demand_ids": demands,
        "status": RegistrationStatus.REGISTERED,
        "registered_at": ANNOUNCED_AT + timedelta(minutes=minutes),
    }
    return Registration.model_validate(data | changes)
