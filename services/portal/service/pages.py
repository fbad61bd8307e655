"""The public pages' use case: the facts of the home, search and listing pages."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.events import EventView, event_view, upcoming
from services.portal.domain.listings import ListingView, listing_view, listing_views
from services.portal.domain.organizations import OrganizationView, organization_view
from services.portal.domain.search import SearchForm
from services.portal.service.ports import ConnectionEventsDirectory, ListingsDirectory
from shared.errors import UnavailableError

LATEST = 6
UPCOMING_EVENTS = 3
RESULTS = 20


@dataclass(frozen=True)
class HomePage:
    offers: list[ListingView]
    demands: list[ListingView]
    events: list[EventView]
    """The next techmarts and other connection events, soonest first."""
    events_unavailable: bool = False
    """The calendar did not answer: the market is shown without it, and the page says so."""


@dataclass(frozen=True)
class OrganizationPage:
    organization: OrganizationView
    listings: list[ListingView]
    """What it published under its name (an anonymous demand is never among them)."""


@dataclass(frozen=True)
class SearchPage:
    form: SearchForm
    results: list[ListingView]
    searched: bool
    """False when the form was refused: nothing was asked, nothing is listed."""


class PublicPages:
    def __init__(self, listings: ListingsDirectory, events: ConnectionEventsDirectory) -> None:
        self._listings = listings
        self._events = events

    async def home(self) -> HomePage:
        offers = await self._listings.search({"kind": "offer"}, LATEST)
        demands = await self._listings.search({"kind": "demand"}, LATEST)
        try:
            events = [event_view(raw) for raw in await self._events.events()]
        except UnavailableError:
            # The home is the market's: the listings stand on their own when the calendar
            # (another service) does not answer.
            return HomePage(listing_views(offers), listing_views(demands), [], True)
        return HomePage(
            offers=listing_views(offers),
            demands=listing_views(demands),
            events=upcoming(events)[:UPCOMING_EVENTS],
        )

    async def search(self, form: SearchForm) -> SearchPage:
        if not form.is_valid:
            return SearchPage(form=form, results=[], searched=False)
        found = await self._listings.search(form.api_params(), RESULTS)
        return SearchPage(form=form, results=listing_views(found), searched=True)

    async def listing(self, listing_id: str) -> ListingView:
        return listing_view(await self._listings.get(listing_id))

    async def organization(self, organization_id: str) -> OrganizationPage:
        profile = organization_view(await self._listings.organization(organization_id))
        published = await self._listings.search({"owner": organization_id}, RESULTS)
        return OrganizationPage(organization=profile, listings=listing_views(published))
