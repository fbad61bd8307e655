"""The projection of `stx.listings.v1`, `stx.organizations.v1` and listing owners.

A listing write happens in the consuming transaction, in this order: read the stored version
(older events are ignored) → embed → take the next global `seq` (concurrent writers conflict
here and retry after the first commits) → catch the index up to everything committed before
→ save → propose / re-score / retract. The later of two concurrent publications therefore
always sees the earlier one, whichever replica handles it.
"""

from __future__ import annotations

from dataclasses import replace

from services.matching.domain.listings import ProjectedListing, is_newer
from services.matching.service.ports import ListingIndex, ListingStore, OrganizationStore
from services.matching.service.proposals import EngineProposals
from services.matching.service.vectors import ListingVectors
from shared.events.listings import ListingSnapshot
from shared.events.organizations import OrganizationProfile
from shared.events.vocabulary import ListingStatus
from shared.logging import get_logger
from shared.outbox import Tx

log = get_logger(__name__)


class Projection:
    def __init__(
        self,
        listings: ListingStore,
        organizations: OrganizationStore,
        index: ListingIndex,
        vectors: ListingVectors,
        proposals: EngineProposals,
    ) -> None:
        self._listings = listings
        self._organizations = organizations
        self._index = index
        self._vectors = vectors
        self._proposals = proposals

    async def embed_ahead(self, snapshots: list[ListingSnapshot]) -> None:
        """Embed at once the published listings a batch will project (see `ListingVectors`)."""
        published = [s for s in snapshots if s.status == ListingStatus.PUBLISHED]
        await self._vectors.embed_ahead(published)

    async def apply_listing(self, snapshot: ListingSnapshot, tx: Tx) -> None:
        stored = await self._listings.get(snapshot.listing_id, tx.session)
        if not is_newer(snapshot, None if stored is None else stored.version):
            log.info(
                "listing_version_ignored", listing_id=snapshot.listing_id, version=snapshot.version
            )
            return
        vector, text_hash = None, None
        if snapshot.status == ListingStatus.PUBLISHED:
            vector, text_hash = await self._vectors.vector_for(snapshot, stored)
        elif stored is not None:
            vector, text_hash = stored.vector, stored.text_hash
        seq = await self._listings.next_seq(tx.session)
        await self._index.catch_up(tx.session)
        listing = ProjectedListing(
            listing_id=snapshot.listing_id,
            seq=seq,
            snapshot=snapshot,
            recorded_owner=None if stored is None else stored.recorded_owner,
            vector=vector,
            text_hash=text_hash,
        )
        await self._listings.save(listing, tx.session)
        await self._proposals.refresh(listing, stored, tx)

    async def record_owner(self, listing_id: str, owner_organization_id: str, tx: Tx) -> None:
        """Who owns a listing (also an anonymous demand): re-stamped so every index learns it.

        A listing published before its owner was known got no proposals (they could have
        paired it with its owner's own offers): they are made now.
        """
        before = await self._listings.get(listing_id, tx.session)
        seq = await self._listings.next_seq(tx.session)
        await self._listings.record_owner(listing_id, owner_organization_id, seq, tx.session)
        if before is None or before.owner is not None or before.snapshot is None:
            return
        await self._index.catch_up(tx.session)
        now_known = replace(before, recorded_owner=owner_organization_id, seq=seq)
        await self._proposals.refresh(now_known, now_known, tx)

    async def record_organization(self, profile: OrganizationProfile, tx: Tx) -> None:
        await self._organizations.save(profile, tx.session)
