"""Routes of participants: register, cancel, the list, and one's schedule as .ics."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Response

from services.matching.api.connection_events.models import RegistrationRead
from services.matching.domain.connection_events.registrations import RegistrationForm
from services.matching.service.connection_events import ConnectionEventUseCases
from shared.auth import Principal, Role, require

Organization = Annotated[Principal, Depends(require(Role.org))]
Reader = Annotated[Principal, Depends(require(Role.broker, Role.org))]
ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


def participant_routes(router: APIRouter, desks: ConnectionEventUseCases, zone: ZoneInfo) -> None:
    registrations = desks.registrations

    @router.post(
        "/{event_id}/registrations",
        status_code=201,
        summary="Register your organisation (over capacity: the waiting list)",
    )
    async def register(
        event_id: str, body: RegistrationForm, org: Organization
    ) -> RegistrationRead:
        return RegistrationRead.of(await registrations.register(event_id, org, body))

    @router.post(
        "/{event_id}/participants/{organization_id}/cancel",
        status_code=204,
        summary="Cancel a registration (the participant or a broker); the waiting list moves up",
    )
    async def cancel(event_id: str, organization_id: str, reader: Reader) -> None:
        await registrations.cancel(event_id, organization_id, reader)

    @router.get("/{event_id}/participants", summary="Registered and waiting participants")
    async def participants(event_id: str, reader: Reader) -> list[RegistrationRead]:
        """Brokers see every registration in full; an organisation its own in full and the
        others' name, role and offers only (no demands, slots or meeting limits)."""
        return [
            RegistrationRead.of(r, full=_sees_all_of(reader, r.organization_id))
            for r in await registrations.participants(event_id)
        ]

    @router.get(
        "/{event_id}/participants/{organization_id}/schedule.ics",
        summary="A participant's B2B meetings as iCalendar (the participant or a broker)",
        response_class=Response,
        responses={200: {"content": {ICS_MEDIA_TYPE: {}}}},
    )
    async def calendar(event_id: str, organization_id: str, reader: Reader) -> Response:
        ics = await desks.schedule.calendar(event_id, organization_id, reader)
        filename = f"stx-b2b-{event_id}-{organization_id}.ics"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(ics, media_type=ICS_MEDIA_TYPE, headers=headers)


def _sees_all_of(reader: Principal, organization_id: str) -> bool:
    return reader.has(Role.broker) or reader.organization_id == organization_id
