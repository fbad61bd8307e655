"""The listings use cases built on MongoDB and the outbox (used by `app.py` and the import
CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo.asynchronous.database import AsyncDatabase

from services.listings.repository import (
    IdempotencyKeys,
    ListingRepository,
    OrganizationRepository,
)
from services.listings.service.base import ListingWriter
from services.listings.service.imports import ImportService
from services.listings.service.listings import ListingService
from services.listings.service.moderation import ModerationService
from services.listings.service.organizations import OrganizationService
from services.listings.service.queries import ListingQueries
from services.listings.settings import ListingsSettings
from shared.clock import Clock, utc_now
from shared.mongo import Document
from shared.outbox import Outbox


@dataclass(frozen=True)
class UseCases:
    organizations: OrganizationService
    listings: ListingService
    moderation: ModerationService
    imports: ImportService
    queries: ListingQueries


def build_use_cases(
    outbox: Outbox, db: AsyncDatabase[Document], settings: ListingsSettings, clock: Clock = utc_now
) -> UseCases:
    orgs = OrganizationRepository(db)
    listings = ListingRepository(db)
    changes = ListingWriter(outbox, listings, clock)
    threshold = settings.duplicate_title_similarity
    return UseCases(
        organizations=OrganizationService(outbox, orgs, clock),
        listings=ListingService(changes, orgs, IdempotencyKeys(db), threshold),
        moderation=ModerationService(changes),
        imports=ImportService(changes, orgs, threshold, settings.import_max_rows),
        queries=ListingQueries(listings, settings.search_max_candidates),
    )
