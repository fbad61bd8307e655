"""Dependencies shared by the routes: the use cases, and who may call what."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from services.notifications.delivery.log import DeliveryLog
from services.notifications.pressroom.room import PressRoom
from services.notifications.service.feeds import Feeds
from services.notifications.service.press import PressPacks
from services.notifications.service.subscriptions import Subscriptions
from shared.auth import Principal, Role, require


def _subscriptions(request: Request) -> Subscriptions:
    subscriptions: Subscriptions = request.app.state.subscriptions
    return subscriptions


def _delivery_log(request: Request) -> DeliveryLog:
    log: DeliveryLog = request.app.state.delivery_log
    return log


def _feeds(request: Request) -> Feeds:
    feeds: Feeds = request.app.state.feeds
    return feeds


def _press_packs(request: Request) -> PressPacks:
    packs: PressPacks = request.app.state.press_packs
    return packs


def _press_room(request: Request) -> PressRoom:
    room: PressRoom = request.app.state.press_room
    return room


SubscriptionsDep = Annotated[Subscriptions, Depends(_subscriptions)]
DeliveryLogDep = Annotated[DeliveryLog, Depends(_delivery_log)]
FeedsDep = Annotated[Feeds, Depends(_feeds)]
PressPacksDep = Annotated[PressPacks, Depends(_press_packs)]
PressRoomDep = Annotated[PressRoom, Depends(_press_room)]
StaffDep = Annotated[Principal, Depends(require(Role.broker, Role.admin))]

MAX_OFFSET = 100_000
"""Deeper than any real log; MongoDB's `skip` is an int64 and overflows beyond it (a 500)."""
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description=f"Rows to skip, at most {MAX_OFFSET:,}.")
]
