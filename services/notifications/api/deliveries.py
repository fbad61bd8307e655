"""`/deliveries`: the delivery log for brokers and admins, and requeueing a failed delivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.notifications.api.deps import DeliveryLogDep, Offset, StaffDep
from services.notifications.api.models import DeliveryRead
from services.notifications.delivery.log import DeliveryNotFoundError
from services.notifications.domain.deliveries import DeliveryStatus
from shared.http import PROBLEM_RESPONSES, ProblemError

router = APIRouter(prefix="/deliveries", tags=["deliveries"])
Id = Annotated[str | None, Query(min_length=1, max_length=200)]


@router.get("", responses=PROBLEM_RESPONSES)
async def delivery_log(
    log: DeliveryLogDep,
    _: StaffDep,
    subscriber_id: Id = None,
    source_event_id: Id = None,
    status: DeliveryStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> list[DeliveryRead]:
    """Newest first: queued, sending, sent, failed (with the last error) and cancelled."""
    found = await log.page(subscriber_id, source_event_id, status, limit, offset)
    return [DeliveryRead.of(d) for d in found]


@router.get("/{delivery_id}", responses=PROBLEM_RESPONSES)
async def get_delivery(delivery_id: str, log: DeliveryLogDep, _: StaffDep) -> DeliveryRead:
    try:
        return DeliveryRead.of(await log.get(delivery_id))
    except DeliveryNotFoundError as exc:
        raise _not_found(delivery_id) from exc


@router.post("/{delivery_id}/requeue", responses=PROBLEM_RESPONSES)
async def requeue_delivery(delivery_id: str, log: DeliveryLogDep, _: StaffDep) -> DeliveryRead:
    """Try a failed delivery again, e.g. an `in_doubt` one the recipient says it lacks."""
    try:
        return DeliveryRead.of(await log.requeue(delivery_id))
    except DeliveryNotFoundError as exc:
        raise _not_found(delivery_id) from exc
    except ValueError as exc:
        raise ProblemError(409, "not-failed", "Not a failed delivery", str(exc)) from exc


def _not_found(delivery_id: str) -> ProblemError:
    return ProblemError(404, "not-found", "No such delivery", f"{delivery_id} is unknown")
