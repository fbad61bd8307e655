"""Taking part in a connection event: the registration form as typed and the API body it makes,
and the participants and B2B meetings as the broker's event page shows them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from services.portal.domain import formatting, labels
from shared.clock import PROVINCE_ZONE


@dataclass(frozen=True)
class OwnChoice:
    """One of the organisation's published listings it may bring."""

    listing_id: str
    title: str
    kind_label: str


@dataclass(frozen=True)
class RegistrationForm:
    role: str = "supplier"
    listing_ids: tuple[str, ...] = ()
    max_meetings: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def read_registration(lists: Mapping[str, list[str]]) -> RegistrationForm:
    role = (lists.get("role") or ["supplier"])[-1]
    return RegistrationForm(
        role=role if role in labels.PARTICIPANT_ROLES else "supplier",
        listing_ids=tuple(v for v in lists.get("listing_ids", []) if v),
        max_meetings=(lists.get("max_meetings") or [""])[-1].strip(),
    )


def registration_body(form: RegistrationForm) -> dict[str, Any]:
    body: dict[str, Any] = {"role": form.role, "listing_ids": list(form.listing_ids)}
    if form.max_meetings:
        digits = form.max_meetings.isdigit()
        body["max_meetings"] = int(form.max_meetings) if digits else form.max_meetings
    return body


@dataclass(frozen=True)
class OwnRegistration:
    """The signed-in organisation's live registration: a seat, or a place on the waiting list."""

    role_label: str
    state_label: str


CANCEL_CONFIRMATION = "xac-nhan-huy"
CONFIRM_CANCELLING = "Đánh dấu ô xác nhận nếu đơn vị thật sự muốn hủy đăng ký."


def own_registration(
    participants: list[Mapping[str, Any]], organization_id: str
) -> OwnRegistration | None:
    """The organisation's registration among the participants, unless none or cancelled."""
    for raw in participants:
        if raw.get("organization_id") == organization_id and raw.get("status") != "cancelled":
            return OwnRegistration(
                role_label=labels.label(labels.PARTICIPANT_ROLES, raw.get("role")),
                state_label=labels.label(labels.REGISTRATION_STATES, raw.get("status")),
            )
    return None


def cancellation_confirmed(lists: Mapping[str, list[str]]) -> bool:
    """Cancelling frees the seat and drops the B2B meetings: the box must have been ticked."""
    return bool(lists.get(CANCEL_CONFIRMATION))


@dataclass(frozen=True)
class ParticipantView:
    organization_id: str
    name: str
    role_label: str
    state_label: str
    listings: int


def participant_view(raw: Mapping[str, Any], names: Mapping[str, str]) -> ParticipantView:
    organization_id = str(raw["organization_id"])
    return ParticipantView(
        organization_id=organization_id,
        name=names.get(organization_id, organization_id),
        role_label=labels.label(labels.PARTICIPANT_ROLES, raw.get("role")),
        state_label=labels.label(labels.REGISTRATION_STATES, raw.get("status")),
        listings=len(raw.get("listing_ids") or ()),
    )


@dataclass(frozen=True)
class MeetingView:
    starts: str
    table: int
    supplier: str
    seeker: str
    starts_at: datetime


def meeting_view(
    raw: Mapping[str, Any], names: Mapping[str, str], zone: tzinfo = PROVINCE_ZONE
) -> MeetingView:
    starts = datetime.fromisoformat(str(raw["starts_at"])).astimezone(zone)
    supplier, seeker = str(raw["supplier_id"]), str(raw["seeker_id"])
    return MeetingView(
        starts=f"{starts:%H:%M} {formatting.day(starts.date())}",
        table=int(raw.get("table", 0)),
        supplier=names.get(supplier, supplier),
        seeker=names.get(seeker, seeker),
        starts_at=starts,
    )
