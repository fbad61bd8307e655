"""The authorisation matrix (DESIGN.md §7; issue 9): every mutating route of every service ×
every caller — none, an org of another organisation, the owning org, broker, reviewer, admin.

`POLICY` below *is* the intended policy, one row per route (per body variant where the body
decides, as for webhooks), written from each service's README and api code:

- no bearer token → 401, unless the route is public by design (the signed links of e-mails,
  an e-mail subscription with double opt-in), where it must not be 401/403 either;
- a caller the row does not admit → 403. No mutating route hides a resource's existence from
  a caller who may not change it (404 instead of 403): each denial below is a 403. (Reads do:
  awards' `GET /nominations/{id}` answers 404 to non-parties; that is outside this matrix.)
- a caller the row admits → anything but 401/403 (and not a 5xx): 409 or 422 for a resource
  in the wrong state is fine, a refusal is not.

Bodies are valid, so that an ownership check made after validation is what answers. Within a
row, refused callers go first, so an admitted call that changes state cannot turn a later
refusal into a 409. `admin` is a role like any other (shared/auth.py): it is admitted only where
a row names it.

A separate test checks that the table names every mutating route of each app, so a new route
without a row fails.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

from tests.hostile.apps import SERVICES, ServiceSpec, build_app, running
from tests.hostile.probes import raw_producer
from tests.hostile.worlds import (
    DUTY,
    SCORE,
    WORLDS,
    Who,
    World,
    event_plan,
    nomination_body,
)
from tests.integration.awards.story import CATEGORY, programme_body
from tests.integration.listings.flows import offer_body, org_body

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ANYONE = frozenset(Who)
OWNER, OTHER, BROKER, REVIEWER, ADMIN = (
    Who.OWNER,
    Who.OTHER_ORG,
    Who.BROKER,
    Who.REVIEWER,
    Who.ADMIN,
)


@dataclass(frozen=True)
class Call:
    path: str
    json: Any = None
    content: bytes | None = None
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    method: str
    route: str
    """The route's path template, as FastAPI knows it."""
    allowed: frozenset[Who]
    call: Callable[[World], Call]
    policy: str
    variant: str = ""

    @property
    def name(self) -> str:
        return f"{self.method} {self.route}" + (f" ({self.variant})" if self.variant else "")


def today() -> str:
    return date.today().isoformat()


LISTINGS = [
    Rule(
        "POST",
        "/v1/organizations",
        frozenset({OWNER, BROKER}),
        lambda w: Call("/v1/organizations", org_body(organization_id=w.ids["org"])),
        "an org registers its own org_id (another org's id: 403); a broker any",
    ),
    Rule(
        "POST",
        "/v1/organizations/{organization_id}/verify",
        frozenset({BROKER}),
        lambda w: Call(f"/v1/organizations/{w.ids['org']}/verify"),
        "broker",
    ),
    Rule(
        "PUT",
        "/v1/organizations/{organization_id}",
        frozenset({OWNER, BROKER}),
        lambda w: Call(f"/v1/organizations/{w.ids['org']}", org_body() | {"version": 2}),
        "the organisation itself or a broker",
    ),
    Rule(
        "POST",
        "/v1/listings",
        frozenset({OWNER, OTHER}),
        lambda w: Call("/v1/listings", offer_body()),
        "any org, for itself (the listing belongs to the token's org_id)",
    ),
    Rule(
        "PUT",
        "/v1/listings/{listing_id}",
        frozenset({OWNER}),
        lambda w: Call(f"/v1/listings/{w.ids['draft']}", offer_body() | {"version": 1}),
        "the owning org",
    ),
    Rule(
        "POST",
        "/v1/listings/{listing_id}/submit",
        frozenset({OWNER}),
        lambda w: Call(f"/v1/listings/{w.ids['draft']}/submit"),
        "the owning org",
    ),
    Rule(
        "POST",
        "/v1/listings/{listing_id}/renew",
        frozenset({OWNER}),
        lambda w: Call(f"/v1/listings/{w.ids['draft']}/renew", {"valid_until": "2031-12-31"}),
        "the owning org",
    ),
    Rule(
        "POST",
        "/v1/listings/{listing_id}/withdraw",
        frozenset({OWNER}),
        lambda w: Call(f"/v1/listings/{w.ids['draft']}/withdraw", {"reason": "Đã chuyển giao."}),
        "the owning org",
    ),
    Rule(
        "POST",
        "/v1/listings/import",
        frozenset({OWNER, OTHER}),
        lambda w: Call(
            "/v1/listings/import",
            content=b"kind,title\n",
            params={"format": "csv"},
            headers={"Content-Type": "text/csv"},
        ),
        "any org, for itself",
    ),
    Rule(
        "POST",
        "/v1/listings/{listing_id}/approve",
        frozenset({BROKER}),
        lambda w: Call(f"/v1/listings/{w.ids['submitted']}/approve", {"score": SCORE}),
        "broker",
    ),
    Rule(
        "POST",
        "/v1/listings/{listing_id}/return",
        frozenset({BROKER}),
        lambda w: Call(
            f"/v1/listings/{w.ids['submitted']}/return",
            {"feedback": {"reasons": ["incomplete"], "comment": "Bổ sung số liệu."}},
        ),
        "broker",
    ),
]

EMAIL = {"subscriber_name": "Báo Quảng Ngãi", "channel": "email", "email": "toasoan@bqn.vn"}
WEBHOOK = {
    "subscriber_name": "Cổng thông tin tỉnh",
    "channel": "webhook",
    "webhook_url": "https://congthongtin.quangngai.gov.vn/hooks/stx",
}
LINK = {"token": "not-a-real-link-token"}

NOTIFICATIONS = [
    Rule(
        "POST",
        "/subscriptions",
        ANYONE,
        lambda w: Call("/subscriptions", EMAIL),
        "anyone asks for e-mail alerts (double opt-in confirms the address)",
        variant="e-mail",
    ),
    Rule(
        "POST",
        "/subscriptions",
        frozenset({BROKER, ADMIN}),
        lambda w: Call("/subscriptions", WEBHOOK),
        "broker or admin set up webhooks",
        variant="webhook",
    ),
    Rule(
        "PATCH",
        "/subscriptions/{subscription_id}",
        frozenset({OWNER, BROKER, ADMIN}),
        lambda w: Call(f"/subscriptions/{w.ids['subscription']}", {"language": "en"}),
        "broker or admin, or the organisation that subscribed while signed in (the owner here)",
    ),
    Rule(
        "POST",
        "/deliveries/{delivery_id}/requeue",
        frozenset({BROKER, ADMIN}),
        lambda w: Call(f"/deliveries/{w.ids['delivery']}/requeue"),
        "broker or admin",
    ),
    Rule(
        "POST",
        "/subscriptions/confirm",
        ANYONE,
        lambda w: Call("/subscriptions/confirm", params=LINK),
        "public: the signed token of the e-mail is the credential (a bad one: 400)",
    ),
    Rule(
        "POST",
        "/unsubscribe",
        ANYONE,
        lambda w: Call("/unsubscribe", params=LINK),
        "public: RFC 8058 one-click, the signed token is the credential (a bad one: 400)",
    ),
]

ROUND = "/programmes/{programme_id}/categories/{category_id}/rounds/{round_id}/close"

AWARDS = [
    Rule(
        "POST",
        "/programmes",
        frozenset({ADMIN}),
        lambda w: Call("/programmes", programme_body(rules=[])),
        "admin",
    ),
    Rule(
        "POST",
        "/programmes/{programme_id}/open",
        frozenset({ADMIN}),
        lambda w: Call(f"/programmes/{w.ids['draft']}/open"),
        "admin",
    ),
    Rule(
        "POST",
        "/programmes/{programme_id}/close",
        frozenset({ADMIN}),
        lambda w: Call(f"/programmes/{w.ids['draft']}/close"),
        "admin",
    ),
    Rule(
        "PUT",
        "/programmes/{programme_id}/reviewers/{subject}",
        frozenset({ADMIN}),
        lambda w: Call(
            f"/programmes/{w.ids['in_review']}/reviewers/rv-second",
            {"name": "PGS.TS. Trần Thị Hoa", "duties": [DUTY]},
        ),
        "admin",
    ),
    Rule(
        "POST",
        "/programmes/{programme_id}/nominations",
        frozenset({OWNER}),
        lambda w: Call(
            f"/programmes/{w.ids['open']}/nominations", nomination_body(w.ids["nominee"])
        ),
        "an org that may nominate: an association (the owner here), an agency, or the nominee "
        "itself; an enterprise nominating another organisation is refused (403 "
        "nominator-not-allowed)",
    ),
    Rule(
        "POST",
        "/nominations/{nomination_id}/withdraw",
        frozenset({OWNER}),
        lambda w: Call(f"/nominations/{w.ids['to_withdraw']}/withdraw", {"reason": "Rút hồ sơ."}),
        "the nominating org",
    ),
    Rule(
        "PUT",
        "/nominations/{nomination_id}/scorecard",
        frozenset({REVIEWER}),
        lambda w: Call(
            f"/nominations/{w.ids['reviewed']}/scorecard",
            {"scores": {"hieu-qua-chuyen-giao": 8, "lan-toa": 7}},
        ),
        "a reviewer assigned to the nomination's category and round, not recused",
    ),
    Rule(
        "POST",
        "/nominations/{nomination_id}/conflict",
        frozenset({REVIEWER}),
        lambda w: Call(
            f"/nominations/{w.ids['reviewed']}/conflict", {"reason": "Tôi là cố vấn của đơn vị."}
        ),
        "a reviewer of the programme",
    ),
    Rule(
        "POST",
        ROUND,
        frozenset({REVIEWER, ADMIN}),
        lambda w: Call(
            f"/programmes/{w.ids['in_review']}/categories/{CATEGORY}/rounds/so-tuyen/close", {}
        ),
        "the round's lead reviewer (the reviewer here) or an admin",
    ),
    Rule(
        "PUT",
        "/nominations/{nomination_id}/decision",
        frozenset({ADMIN}),
        lambda w: Call(
            f"/nominations/{w.ids['reviewed']}/decision",
            {
                "outcome": "awarded",
                "justification": "Dẫn đầu cả hai vòng xét chọn.",
                "citation": "Ứng dụng thành công công nghệ sấy lạnh dược liệu.",
            },
        ),
        "admin",
    ),
    Rule(
        "POST",
        "/programmes/{programme_id}/results",
        frozenset({ADMIN}),
        lambda w: Call(f"/programmes/{w.ids['in_review']}/results", {}),
        "admin",
    ),
]

CE = "/v1/connection-events"


def in_event(w: World, *rest: str, event: str = "event") -> str:
    return "/".join((CE, w.ids[event], *rest))


CONNECTION_EVENTS = [
    Rule("POST", CE, frozenset({BROKER}), lambda w: Call(CE, event_plan()), "broker"),
    Rule(
        "PATCH",
        f"{CE}/{{event_id}}",
        frozenset({BROKER}),
        lambda w: Call(in_event(w), {"venue": "Khách sạn Indochine, TP Kon Tum"}),
        "broker",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/cancel",
        frozenset({BROKER}),
        lambda w: Call(in_event(w, "cancel", event="doomed"), {"reason": "Mưa lũ, hoãn sự kiện."}),
        "broker",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/close",
        frozenset({BROKER}),
        lambda w: Call(in_event(w, "close"), {"mous_signed": 2}),
        "broker (before the event starts: 409 connection_event.started)",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/registrations",
        frozenset({OWNER, OTHER}),
        lambda w: Call(
            in_event(w, "registrations", event="fresh"),
            {"role": "supplier", "listing_ids": [w.ids["offer"]], "max_meetings": 6},
        ),
        "any org, with its own published listings (another's: 422 body.listing_ids)",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/participants/{{organization_id}}/cancel",
        frozenset({OWNER, BROKER}),
        lambda w: Call(in_event(w, "participants", w.ids["org"], "cancel", event="spare")),
        "the participant itself or a broker",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meeting-requests",
        frozenset({OWNER, OTHER}),
        lambda w: Call(
            in_event(w, "meeting-requests"),
            {"to_organization_id": w.ids["unasked"], "reason": "Muốn giới thiệu máy sấy lạnh."},
        ),
        "any org; a registered participant only (else 409 participant.registered)",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meeting-requests/{{request_id}}/accept",
        frozenset({OWNER}),
        lambda w: Call(in_event(w, "meeting-requests", w.ids["to_accept"], "accept")),
        "the organisation asked",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meeting-requests/{{request_id}}/decline",
        frozenset({OWNER}),
        lambda w: Call(in_event(w, "meeting-requests", w.ids["to_decline"], "decline")),
        "the organisation asked",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/schedule",
        frozenset({BROKER}),
        lambda w: Call(in_event(w, "schedule")),
        "broker (a re-run keeps the pins)",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meetings/{{meeting_id}}/pin",
        frozenset({BROKER}),
        lambda w: Call(in_event(w, "meetings", w.ids["meeting"], "pin"), {"slot": 3, "table": 2}),
        "broker",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meetings/swap",
        frozenset({BROKER}),
        lambda w: Call(
            in_event(w, "meetings", "swap"), {"meeting_ids": [w.ids["meeting"], w.ids["meeting_2"]]}
        ),
        "broker",
    ),
    Rule(
        "POST",
        f"{CE}/{{event_id}}/meetings/{{meeting_id}}/outcomes",
        frozenset({OWNER, BROKER}),
        lambda w: Call(
            in_event(w, "meetings", w.ids["meeting"], "outcomes"),
            {"outcome": "follow_up_wanted", "organization_id": w.ids["org"]},
        ),
        "either participant, for its own side; a broker naming the side (before the meeting "
        "starts: 409)",
    ),
]

MATCHING = [
    Rule(
        "POST",
        "/v1/declared-contracts",
        frozenset({BROKER}),
        lambda w: Call(
            "/v1/declared-contracts",
            {
                "title": "Công nghệ sấy lạnh cà phê",
                "sector": "other",
                "place_code": "23425",
                "supplier_name": "Viện Cơ điện nông nghiệp",
                "supplier_kind": "research_institute",
                "buyer_name": "HTX Tu Mơ Rông",
                "transfer_form": "independent_transfer",
                "value_vnd": 1,
                "signed_on": today(),
                "registration_number": f"{uuid.uuid4().hex}/GCN",
                "registered_on": today(),
            },
        ),
        "broker (a contract made outside the platform)",
    ),
    Rule(
        "POST",
        "/v1/matches",
        frozenset({BROKER}),
        lambda w: Call("/v1/matches", {"offer_id": w.ids["offer"], "demand_id": w.ids["demand"]}),
        "broker (a proposal by hand)",
    ),
    Rule(
        "POST",
        "/v1/matches/{match_id}/answers",
        frozenset({OWNER}),
        lambda w: Call(f"/v1/matches/{w.ids['unanswered']}/answers", {"interested": True}),
        "the owner of the offer or of the demand",
    ),
    Rule(
        "POST",
        "/v1/introductions/{introduction_id}/steps",
        frozenset({OWNER, BROKER}),
        lambda w: Call(
            f"/v1/introductions/{w.ids['introduction']}/steps",
            {"step": "meeting_held", "held_on": today(), "format": "online"},
        ),
        "a broker or either party",
    ),
    Rule(
        "POST",
        "/v1/introductions/{introduction_id}/claim",
        frozenset({BROKER}),
        lambda w: Call(f"/v1/introductions/{w.ids['introduction']}/claim", {"confirmed": True}),
        "a broker or the other party — never the party that claimed the step (here the owner)",
    ),
    *CONNECTION_EVENTS,
]

POLICY: dict[str, list[Rule]] = {
    "listings": LISTINGS,
    "notifications": NOTIFICATIONS,
    "awards": AWARDS,
    "matching": MATCHING,
}


def mutating_routes(spec: ServiceSpec) -> set[tuple[str, str]]:
    app, _ = build_app(spec, spec.settings_type(environment="test"))
    return {
        (method, str(route.path))
        for route in iter_route_contexts(app.routes)
        for method in (route.methods or set()) & MUTATING
    }


@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
def test_the_policy_table_names_every_mutating_route(spec: ServiceSpec) -> None:
    named = {(rule.method, rule.route) for rule in POLICY[spec.name]}
    routes = mutating_routes(spec)
    assert routes - named == set(), f"mutating routes without a policy row: {routes - named}"
    assert named - routes == set(), f"policy rows for routes that do not exist: {named - routes}"


def expected(rule: Rule, who: Who) -> str:
    if who in rule.allowed:
        return "allowed"
    return "401" if who is Who.NONE else "403"


def verdict(rule: Rule, who: Who, status: int) -> bool:
    if who in rule.allowed:
        return status not in (401, 403) and status < 500
    return status == (401 if who is Who.NONE else 403)


@pytest.mark.integration
@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
async def test_only_the_intended_callers_may_change_anything(stack: Any, spec: ServiceSpec) -> None:
    async with running(spec, stack) as service, raw_producer(stack.bootstrap_servers) as producer:
        world = await WORLDS[spec.name](service, producer)
        order = list(Who)
        table: list[str] = []
        problems: list[str] = []
        for rule in POLICY[spec.name]:
            cells = []
            for who in sorted(order, key=lambda w: (w in rule.allowed, order.index(w))):
                call = rule.call(world)
                response = await service.http.request(
                    rule.method,
                    call.path,
                    json=call.json,
                    content=call.content,
                    params=dict(call.params),
                    headers={**world.headers[who], **call.headers},
                )
                status = response.status_code
                cells.append(f"{who.value}={status}")
                if not verdict(rule, who, status):
                    problems.append(
                        f"{rule.name} as {who.value}: {status}, expected {expected(rule, who)} "
                        f"({rule.policy}): {response.text[:300]}"
                    )
            table.append(f"{rule.name}: {', '.join(cells)}")
    print(f"\n{spec.name}:\n  " + "\n  ".join(table))
    assert not problems, "\n".join(problems)
