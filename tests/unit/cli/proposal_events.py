"""Match events for the proposal tally's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.events.base import Event
from shared.events.matches import (
    Explanation,
    MatchAccepted,
    MatchDeclined,
    MatchExpired,
    MatchInterestExpressed,
    MatchProposed,
)

NOVEMBER = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)
DECEMBER = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # 1 December in Vietnam


def proposed(
    n: int, by: str = "engine", version: str = "stx-match-1.2", score: float = 0.5
) -> Event:
    return MatchProposed(
        match_id=f"mat_{n}",
        offer_id=f"lst_o{n}",
        demand_id=f"lst_d{n}",
        score=score,
        explanation=Explanation(features=[], sentence_vi="Cùng lĩnh vực"),
        engine_version=version,
        proposed_by=by,
        sector="medicinal_herbs",
        offer_owner_organization_id="org_uni",
        expires_at=datetime(2027, 1, 1, tzinfo=UTC),
    )


def interest(n: int) -> Event:
    return MatchInterestExpressed(
        match_id=f"mat_{n}", offer_id=f"lst_o{n}", demand_id=f"lst_d{n}", side="demand"
    )


def declined(n: int, reason: str, side: str = "offer") -> Event:
    return MatchDeclined(
        match_id=f"mat_{n}", offer_id=f"lst_o{n}", demand_id=f"lst_d{n}", side=side, reason=reason
    )


def accepted(n: int) -> Event:
    return MatchAccepted(
        match_id=f"mat_{n}",
        offer_id=f"lst_o{n}",
        demand_id=f"lst_d{n}",
        offer_owner_organization_id="org_uni",
    )


def expired(n: int) -> Event:
    return MatchExpired(match_id=f"mat_{n}", offer_id=f"lst_o{n}", demand_id=f"lst_d{n}")


def a_month_of_answers() -> list[tuple[Event, datetime]]:
    """November: four engine proposals (one accepted, one declined by both, one unanswered
    then expired, one interesting to one side) and one broker proposal; December: one."""
    return [
        (proposed(1, score=0.8), NOVEMBER),
        (proposed(2, score=0.4), NOVEMBER),
        (proposed(3, score=0.3), NOVEMBER),
        (proposed(4, score=0.5), NOVEMBER),
        (proposed(5, by="broker", score=0.0), NOVEMBER),
        (interest(1), NOVEMBER),
        (accepted(1), NOVEMBER),
        (declined(2, "price"), NOVEMBER),
        (declined(2, "wrong_sector", side="demand"), NOVEMBER),
        (expired(3), NOVEMBER),
        (interest(4), NOVEMBER),
        (proposed(6), DECEMBER),
        (interest(99), DECEMBER),  # its proposal is past the topic's retention
    ]
