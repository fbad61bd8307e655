"""Bulk import of an existing catalogue: every row becomes a submitted listing, or none does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from services.listings.domain import lifecycle
from services.listings.domain.duplicates import TitleRef, possible_duplicates
from services.listings.domain.listings import Listing, create_draft
from services.listings.domain.terms import ListingTerms
from services.listings.service.base import ListingWriter, new_id
from services.listings.service.errors import NotFoundError
from services.listings.service.ports import OrganizationStore
from shared.outbox import Tx

Progress = Callable[[int], None]


class ImportService:
    def __init__(
        self,
        changes: ListingWriter,
        orgs: OrganizationStore,
        duplicate_threshold: float,
        max_rows: int,
    ) -> None:
        self._changes = changes
        self._orgs = orgs
        self._threshold = duplicate_threshold
        self.max_rows = max_rows
        """Largest catalogue accepted: the whole import is one transaction."""

    async def import_catalogue(
        self, organization_id: str, rows: Sequence[ListingTerms], progress: Progress | None = None
    ) -> list[Listing]:
        """One transaction: a failure on any row (or of the store) leaves nothing behind."""
        listings = self._changes.listings

        async def work(tx: Tx) -> list[Listing]:
            owner = await self._orgs.get(organization_id, tx.session)
            if owner is None:
                raise NotFoundError("organisation", organization_id)
            now = self._changes.clock()
            known = await listings.titles_of(organization_id, tx.session)
            created = []
            for terms in rows:
                draft = create_draft(new_id("lst"), terms, owner, now, imported=True)
                duplicates = possible_duplicates(terms.title, known, self._threshold)
                change = lifecycle.submit(draft, owner, duplicates, now)
                await listings.add(change.listing, tx.session)
                tx.emit(*change.events)
                known.append(TitleRef(draft.listing_id, terms.title))
                created.append(change.listing)
                if progress:
                    progress(1)
            return created

        return await self._changes.outbox.unit_of_work(work)
