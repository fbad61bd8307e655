"""`/subscriptions`: anyone may ask for e-mail alerts (double opt-in); webhooks and the list
of subscribers are for brokers and admins. An organisation that subscribes while signed in
(an `org` token) owns the subscription: it lists its own (`/subscriptions/mine`) and changes
them, as brokers do."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from services.notifications.api.deps import Offset, StaffDep, SubscriptionsDep
from services.notifications.api.models import (
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionRead,
    SubscriptionUpdate,
)
from services.notifications.delivery.ssrf import UnsafeTargetError
from services.notifications.domain.subscriptions import SubscriptionRuleError, SubscriptionStatus
from services.notifications.service.subscriptions import (
    SignupRateLimitedError,
    SubscriptionNotFoundError,
)
from shared.auth import OptionalPrincipalDep, Principal, PrincipalDep, Role, require
from shared.events.notifications import NotificationChannel
from shared.http import PROBLEM_RESPONSES, Problem, ProblemError

router = APIRouter(prefix="/subscriptions", tags=["subscriptions"])
_STAFF = frozenset({Role.broker, Role.admin})
OrganizationDep = Annotated[Principal, Depends(require(Role.org))]


_TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"model": Problem, "description": "Too many sign-ups: retry later."}
}


@router.post("", status_code=201, responses=PROBLEM_RESPONSES | _TOO_MANY)
async def create_subscription(
    body: SubscriptionCreate,
    subscriptions: SubscriptionsDep,
    caller: OptionalPrincipalDep,
    request: Request,
) -> SubscriptionCreated:
    """E-mail subscriptions start `pending_confirmation`: a link is mailed (a few per address a
    day, a few dozen per client an hour). Webhooks need a broker or admin and return their
    signing secret once."""
    if body.channel is NotificationChannel.WEBHOOK:
        _require_staff(caller)
    owner = caller.organization_id if caller and caller.has(Role.org) else None
    try:
        created, secret = await subscriptions.subscribe(body.to_new(owner), _client_key(request))
    except SignupRateLimitedError as exc:
        raise ProblemError(
            429,
            "too-many-signups",
            "Too many subscription requests",
            f"{exc}; try again later.",
            headers={"Retry-After": str(exc.retry_after_seconds)},
        ) from exc
    except SubscriptionRuleError as exc:
        raise ProblemError.from_rule(exc.field, str(exc)) from exc
    except UnsafeTargetError as exc:
        raise ProblemError.from_rule("webhook_url", str(exc)) from exc
    return SubscriptionCreated(
        subscription_id=created.subscription_id, status=created.status, webhook_secret=secret
    )


@router.get("", responses=PROBLEM_RESPONSES)
async def list_subscriptions(
    subscriptions: SubscriptionsDep,
    _: StaffDep,
    status: SubscriptionStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> list[SubscriptionRead]:
    found = await subscriptions.page(status, limit, offset)
    return [SubscriptionRead.of(s) for s in found]


@router.get("/mine", responses=PROBLEM_RESPONSES)
async def my_subscriptions(
    subscriptions: SubscriptionsDep, organization: OrganizationDep
) -> list[SubscriptionRead]:
    """The subscriptions the caller's organisation made while signed in, newest first."""
    if organization.organization_id is None:  # a provider's `org` token without `org_id`
        return []
    found = await subscriptions.of_organization(organization.organization_id)
    return [SubscriptionRead.of(s) for s in found]


@router.get("/{subscription_id}", responses=PROBLEM_RESPONSES)
async def get_subscription(
    subscription_id: str, subscriptions: SubscriptionsDep, _: StaffDep
) -> SubscriptionRead:
    try:
        return SubscriptionRead.of(await subscriptions.get(subscription_id))
    except SubscriptionNotFoundError as exc:
        raise _not_found(subscription_id) from exc


@router.patch("/{subscription_id}", responses=PROBLEM_RESPONSES)
async def change_subscription(
    subscription_id: str,
    body: SubscriptionUpdate,
    subscriptions: SubscriptionsDep,
    caller: PrincipalDep,
) -> SubscriptionRead:
    """Filters, frequency, language; `active: false` pauses, `true` resumes. Brokers and admins
    change any; an organisation those it owns (another's is a 403, like every denial)."""
    try:
        if caller.roles.isdisjoint(_STAFF):
            found = await subscriptions.get(subscription_id)
            if not (found.owner_organization_id and caller.acts_for(found.owner_organization_id)):
                raise ProblemError(
                    403,
                    "not-owner",
                    "Not yours",
                    "A broker or admin, or the organisation that subscribed, changes it.",
                )
        changed = await subscriptions.change(subscription_id, body.to_changes())
    except SubscriptionNotFoundError as exc:
        raise _not_found(subscription_id) from exc
    except SubscriptionRuleError as exc:
        raise ProblemError.from_rule(exc.field, str(exc)) from exc
    return SubscriptionRead.of(changed)


def _require_staff(caller: Principal | None) -> None:
    if caller is None:
        raise ProblemError(
            401,
            "unauthenticated",
            "Authentication required",
            "Webhook subscriptions are set up by a broker: send a bearer token.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if caller.roles.isdisjoint(_STAFF):
        raise ProblemError(
            403,
            "missing-role",
            "Role required",
            "Webhook subscriptions need the role admin or broker.",
        )


def _not_found(subscription_id: str) -> ProblemError:
    return ProblemError(404, "not-found", "No such subscription", f"{subscription_id} is unknown")


def _client_key(request: Request) -> str | None:
    """Who asked, as a digest of the client address (the address itself is not kept)."""
    if request.client is None:
        return None
    return hashlib.sha256(f"signup|{request.client.host}".encode()).hexdigest()[:24]
