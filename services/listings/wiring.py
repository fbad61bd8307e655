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
from services.listings.service.catalogue_sync import LiveCatalogue
from services.listings.service.imports import ImportService
from services.listings.service.listings import Listings
from services.listings.service.moderation import Moderation
from services.listings.service.organizations import Organizations
from services.listings.service.queries import ListingQueries
from services.listings.settings import ListingsSettings
from shared.clock import Clock, utc_now
from shared.mongo import Document
from shared.outbox import Outbox


@dataclass(frozen=True)
class UseCases:
    organizations: Organizations
    listings: Listings
    moderation: Moderation
    imports: ImportService
    queries: ListingQueries
    catalogue: LiveCatalogue


def build_use_cases(
    outbox: Outbox, db: AsyncDatabase[Document], settings: ListingsSettings, clock: Clock = utc_now
) -> UseCases:
    orgs = OrganizationRepository(db)
    listings = ListingRepository(db)
    changes = ListingWriter(outbox, listings, clock)
    threshold = settings.duplicate_title_similarity
    catalogue = LiveCatalogue(listings)
    return UseCases(
        organizations=Organizations(outbox, orgs, clock),
        listings=Listings(changes, orgs, IdempotencyKeys(db), threshold),
        moderation=Moderation(changes),
        imports=ImportService(changes, orgs, threshold, settings.import_max_rows),
        queries=ListingQueries(listings, catalogue, settings.search_max_candidates),
        catalogue=catalogue,
    )
