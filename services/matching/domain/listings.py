"""What matching needs to know about a listing it projected from `stx.listings.v1`."""

from __future__ import annotations

from dataclasses import dataclass

from services.matching.engine.vector_index import Vector
from shared.events.listings import ListingSnapshot
from shared.events.vocabulary import (
    IpStatus,
    ListingStatus,
    TransferForm,
    TransferObject,
)


def is_newer(snapshot: ListingSnapshot, stored_version: int | None) -> bool:
    """Events may arrive twice or late: only a higher version changes the projection."""
    return stored_version is None or snapshot.version > stored_version


def is_ip_asset(offer: ListingSnapshot) -> bool:
    """Protected IP, or an IP right as what (or how) it is transferred."""
    return (
        offer.ip_status != IpStatus.NONE
        or bool(offer.ip_rights)
        or TransferObject.IP_RIGHT in offer.transfer_objects
        or TransferForm.IP_RIGHT_TRANSFER_OR_LICENCE in offer.transfer_forms
    )


def owner_of(snapshot: ListingSnapshot, recorded_owner: str | None) -> str | None:
    """The owner organisation: public on the snapshot, or recorded internally (anonymous demand)."""
    return snapshot.owner_organization_id or recorded_owner


def leaving_reason(snapshot: ListingSnapshot) -> str | None:
    """Why open proposals of this listing must be retracted (`offer_withdrawn`), or None."""
    if snapshot.status == ListingStatus.PUBLISHED:
        return None
    return f"{snapshot.kind.value}_{snapshot.status.value}"


@dataclass(frozen=True)
class ProjectedListing:
    """A listing as matching knows it: the latest snapshot, its owner and its embedding."""

    listing_id: str
    seq: int
    snapshot: ListingSnapshot | None = None
    recorded_owner: str | None = None
    vector: Vector | None = None
    text_hash: str | None = None

    @property
    def version(self) -> int | None:
        return None if self.snapshot is None else self.snapshot.version

    @property
    def owner(self) -> str | None:
        if self.snapshot is None:
            return self.recorded_owner
        return owner_of(self.snapshot, self.recorded_owner)

    def for_engine(self) -> ListingSnapshot:
        """The snapshot with its true owner, so an organisation is never matched with itself."""
        assert self.snapshot is not None, f"{self.listing_id} has no snapshot yet"
        return self.snapshot.model_copy(update={"owner_organization_id": self.owner})
