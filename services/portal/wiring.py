"""The portal's use cases over their adapters, built once for `app.py` and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.service.awards import PublicAwards
from services.portal.service.dev_mail import DevMail
from services.portal.service.dossiers import PaperDossiers
from services.portal.service.event_desk import EventManagement
from services.portal.service.event_ports import EventManagementDesk
from services.portal.service.events import PublicEvents
from services.portal.service.indicator_exports import IndicatorExports
from services.portal.service.indicators import PublicIndicators
from services.portal.service.meeting_requests import MeetingRequests
from services.portal.service.moderation import Moderation
from services.portal.service.news import NewsSubscriptions
from services.portal.service.nominations import OrganizationNominations
from services.portal.service.organization import OrganizationListings
from services.portal.service.pages import PublicPages
from services.portal.service.participation import EventParticipation
from services.portal.service.pipeline import BrokerPipeline
from services.portal.service.ports import (
    AwardsDirectory,
    ConnectionEventsDirectory,
    FullIndicators,
    IdentityProvider,
    ListingsDirectory,
    Mailbox,
    MarketIndicators,
    MatchDesk,
    ModerationQueue,
    NewsSubscriptionDesk,
    NominationDesk,
    OrganizationRegistry,
    OwnListings,
    ReviewDesk,
    Tokens,
)
from services.portal.service.proposals import OrganizationProposals
from services.portal.service.registration import Registration
from services.portal.service.reviews import Reviews
from services.portal.service.sign_in import ProvinceSignIn


@dataclass(frozen=True)
class UseCases:
    public_pages: PublicPages
    organization_listings: OrganizationListings
    moderation: Moderation
    paper_dossiers: PaperDossiers
    registration: Registration
    proposals: OrganizationProposals
    participation: EventParticipation
    event_desk: EventManagement
    meeting_requests: MeetingRequests
    reviews: Reviews
    pipeline: BrokerPipeline
    nominations: OrganizationNominations
    indicators: PublicIndicators
    indicator_exports: IndicatorExports
    events: PublicEvents
    awards: PublicAwards
    news: NewsSubscriptions
    dev_mail: DevMail | None
    """Development only: None unless the local stack's mail folder is configured."""
    province_sign_in: ProvinceSignIn | None
    """None unless the province's identity provider is configured."""


def build_use_cases(
    listings: ListingsDirectory,
    own: OwnListings,
    moderation: ModerationQueue,
    indicators: MarketIndicators,
    full_indicators: FullIndicators,
    events: ConnectionEventsDirectory,
    awards: AwardsDirectory,
    registry: OrganizationRegistry,
    desk: MatchDesk,
    event_desk: EventManagementDesk,
    review_desk: ReviewDesk,
    nomination_desk: NominationDesk,
    news_desk: NewsSubscriptionDesk,
    tokens: Tokens,
    mailbox: Mailbox | None,
    identity_provider: IdentityProvider | None = None,
) -> UseCases:
    return UseCases(
        public_pages=PublicPages(listings, events),
        organization_listings=OrganizationListings(own, tokens),
        moderation=Moderation(moderation, tokens),
        paper_dossiers=PaperDossiers(registry, own, tokens),
        registration=Registration(registry, tokens),
        proposals=OrganizationProposals(desk, listings, tokens),
        participation=EventParticipation(event_desk, events, own, tokens),
        event_desk=EventManagement(event_desk, events, listings, tokens),
        meeting_requests=MeetingRequests(event_desk, events, listings, tokens),
        reviews=Reviews(review_desk, awards, tokens),
        pipeline=BrokerPipeline(desk, listings, tokens),
        nominations=OrganizationNominations(nomination_desk, awards, tokens),
        indicators=PublicIndicators(indicators),
        indicator_exports=IndicatorExports(full_indicators, tokens),
        events=PublicEvents(events),
        awards=PublicAwards(awards),
        news=NewsSubscriptions(news_desk, tokens),
        dev_mail=None if mailbox is None else DevMail(mailbox),
        province_sign_in=None if identity_provider is None else ProvinceSignIn(identity_provider),
    )
