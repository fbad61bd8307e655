"""What the pages need from the services, as Protocols: `repository/` reaches them over HTTP,
the unit tests fake them in memory."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from services.portal.domain.oidc import PendingSignIn
from services.portal.domain.session import Visitor


class ListingsDirectory(Protocol):
    """The listings service's public views (no token: what any visitor may see)."""

    async def search(self, params: Mapping[str, str], limit: int) -> list[Mapping[str, Any]]:
        """Published listings matching `params`, best first. Raises `UnavailableError`."""
        ...

    async def get(self, listing_id: str) -> Mapping[str, Any]:
        """One listing's public view. Raises `NotFoundError`, `UnavailableError`."""
        ...

    async def organization(self, organization_id: str) -> Mapping[str, Any]:
        """An organisation's public profile. Raises `NotFoundError`, `UnavailableError`."""
        ...


class Mailbox(Protocol):
    """Development only: stored e-mails, by name."""

    async def names(self, limit: int) -> list[str]:
        """The newest first."""
        ...

    async def read(self, name: str) -> bytes:
        """The message as sent. Raises `NotFoundError`."""
        ...


class OwnListings(Protocol):
    """The listings API on behalf of a signed-in organisation (its bearer token)."""

    async def mine(self, organization_id: str, state: str, token: str) -> list[Mapping[str, Any]]:
        """The organisation's listings in one state."""
        ...

    async def create(self, body: Mapping[str, Any], token: str) -> str:
        """A new draft's id. Raises `FormRefusedError` with the API's field errors."""
        ...

    async def get(self, listing_id: str, token: str) -> Mapping[str, Any]:
        """One listing as its owner sees it (with `private`). Raises `NotFoundError`."""
        ...

    async def update(
        self, listing_id: str, body: Mapping[str, Any], token: str
    ) -> Mapping[str, Any]:
        """Save the whole new content (with the version it replaces); the listing as saved.
        Raises `FormRefusedError` (field errors; code `conflict` when the version is stale)."""
        ...

    async def import_catalogue(self, csv: bytes, token: str) -> list[str]:
        """Every row of a CSV catalogue as a listing sent to review; their ids. Raises
        `FormRefusedError` with one error per bad row (`rows.<line>.<column>`), nothing saved."""
        ...

    async def submit(self, listing_id: str, token: str) -> None:
        """Send a draft to the brokers. Raises `FormRefusedError`, `NotFoundError`."""
        ...

    async def withdraw(self, listing_id: str, reason: str, token: str) -> None:
        """Take it off the exchange. Raises `FormRefusedError`, `NotFoundError`."""
        ...

    async def renew(self, listing_id: str, valid_until: str, token: str) -> None:
        """A new last valid day (ISO date). Raises `FormRefusedError`, `NotFoundError`."""
        ...


class IdentityProvider(Protocol):
    """The province's identity provider (OpenID Connect)."""

    async def authorization_url(self, pending: PendingSignIn) -> str: ...
    async def sign_in(self, code: str, pending: PendingSignIn, now: datetime) -> Visitor:
        """The visitor the provider vouches for. Raises `SignInFailedError`."""
        ...


class Tokens(Protocol):
    def for_visitor(self, visitor: Visitor) -> str:
        """A bearer token the services accept for this visitor."""
        ...


class ModerationQueue(Protocol):
    """The listings API's moderation side on behalf of a signed-in broker."""

    async def queue(self, token: str) -> list[Mapping[str, Any]]:
        """Submitted listings, oldest first, each with its owner's possible duplicates."""
        ...

    async def approve(self, listing_id: str, score: Mapping[str, Any], token: str) -> None:
        """Publish it. Raises `FormRefusedError` (e.g. a score out of range)."""
        ...

    async def return_to_owner(
        self, listing_id: str, reasons: Sequence[str], comment: str, token: str
    ) -> None:
        """Back to its owner. Raises `FormRefusedError` (e.g. no reason given)."""
        ...


class MarketIndicators(Protocol):
    """The matching service's public indicators (no token)."""

    async def report(self, period: str) -> Mapping[str, Any]:
        """The period's report. Raises `NotFoundError`, `UnavailableError`."""
        ...

    async def csv(self, period: str) -> str:
        """The same as CSV (docs/indicators.md). Raises `NotFoundError`, `UnavailableError`."""
        ...


class FullIndicators(Protocol):
    """The matching service's indicators with every cell, small ones included (brokers)."""

    async def report(self, period: str, form: str, token: str) -> bytes:
        """The report as the API sends it, `form` `json` or `csv`. Raises `ForbiddenError`,
        `NotFoundError`, `UnavailableError`."""
        ...

    async def year(self, year: int, token: str) -> list[Mapping[str, Any]]:
        """The year's months, quarters and the year itself begun by today: each one's totals.
        Raises `ForbiddenError`, `UnavailableError`."""
        ...


class ConnectionEventsDirectory(Protocol):
    """The matching service's public connection events (no token)."""

    async def events(self) -> list[Mapping[str, Any]]:
        """Every event, newest first. Raises `UnavailableError`."""
        ...

    async def event(self, event_id: str) -> Mapping[str, Any]:
        """One event. Raises `NotFoundError`, `UnavailableError`."""
        ...


class AwardsDirectory(Protocol):
    """The awards service's public side (no token)."""

    async def programmes(self) -> list[Mapping[str, Any]]:
        """Announced programmes. Raises `UnavailableError`."""
        ...

    async def programme(self, programme_id: str) -> Mapping[str, Any]:
        """Raises `NotFoundError`, `UnavailableError`."""
        ...

    async def results(self, programme_id: str) -> Mapping[str, Any]:
        """The honoured nominations; none until the results are published."""
        ...

    async def certificate(self, nomination_id: str) -> bytes:
        """A laureate's certificate, as PDF. Raises `NotFoundError`, `UnavailableError`."""
        ...


class OrganizationRegistry(Protocol):
    """The listings API's organisations on behalf of the signed-in visitor (their token)."""

    async def register(self, body: Mapping[str, Any], token: str) -> None:
        """Register the token's organisation. Raises `FormRefusedError` with field errors."""
        ...

    async def awaiting_verification(self, token: str) -> list[Mapping[str, Any]]:
        """Brokers: unverified organisations, oldest first, with their contact."""
        ...

    async def verify(self, organization_id: str, token: str) -> None:
        """Brokers: verify one. Raises `FormRefusedError` (already verified), `NotFoundError`."""
        ...

    async def directory(self, token: str) -> list[Mapping[str, Any]]:
        """Verified organisations, by name (public profiles; brokers also see contacts)."""
        ...


class MatchDesk(Protocol):
    """The matching API's proposals and introductions on behalf of a signed-in organisation."""

    async def proposals(self, token: str) -> list[Mapping[str, Any]]:
        """Matches of the organisation's listings (brokers: all), newest first."""
        ...

    async def answer(self, match_id: str, body: Mapping[str, Any], token: str) -> None:
        """Interested or not (with a reason). Raises `FormRefusedError`, `NotFoundError`."""
        ...

    async def introductions(self, token: str) -> list[Mapping[str, Any]]:
        """Introductions the organisation is a party to (brokers: all), with their history."""
        ...

    async def propose(self, offer_id: str, demand_id: str, token: str) -> None:
        """Brokers: propose a pair by hand. Raises `FormRefusedError`, `NotFoundError`."""
        ...


class NominationDesk(Protocol):
    """The awards API on behalf of a signed-in organisation."""

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        """Nominations the organisation made or received, with their status."""
        ...

    async def nominate(self, programme_id: str, body: Mapping[str, Any], token: str) -> None:
        """Raises `FormRefusedError` (field errors or a rule: window, eligibility, who may
        nominate), `NotFoundError` (no such programme)."""
        ...


class ReviewDesk(Protocol):
    """The awards API on behalf of a signed-in reviewer."""

    async def queue(self, programme_id: str, token: str) -> list[Mapping[str, Any]]:
        """Nominations to score now (not those the reviewer is recused from)."""
        ...

    async def nomination(self, nomination_id: str, token: str) -> Mapping[str, Any]:
        """The file and the reviewer's own scorecard. Raises `ForbiddenError` (recused, not
        assigned), `NotFoundError`."""
        ...

    async def score(self, nomination_id: str, body: Mapping[str, Any], token: str) -> None:
        """Raises `FormRefusedError` (a score outside 0–10, a criterion missing)."""
        ...

    async def declare_conflict(self, nomination_id: str, reason: str, token: str) -> None:
        """Recuse the reviewer from the nominee's nominations. Raises `FormRefusedError`."""
        ...


class NewsSubscriptionDesk(Protocol):
    """The notifications API's sign-up for news: anyone may ask; an organisation signed in
    (its token) owns what it asks for, and sees and changes it."""

    async def subscribe(
        self, body: Mapping[str, Any], visitor_address: str | None, token: str | None = None
    ) -> None:
        """Ask for an e-mail subscription; the service mails the confirmation link. Raises
        `FormRefusedError` with the API's field errors (code `too-many-signups` when asked too
        often), `UnavailableError`."""
        ...

    async def mine(self, token: str) -> list[Mapping[str, Any]]:
        """The subscriptions the token's organisation owns, newest first."""
        ...

    async def set_active(self, subscription_id: str, active: bool, token: str) -> None:
        """Pause or resume one it owns. Raises `FormRefusedError` (e.g. not yet confirmed),
        `ForbiddenError` (not its own), `NotFoundError`."""
        ...
