"""Who a new listing belongs to, and who typed it in.

An organisation enters its own listings. A broker of the Department may enter one for an
organisation from the paper dossier it filed ("hồ sơ giấy"): the listing belongs to that
organisation (a draft it checks and sends to review itself), and records the broker who entered
it. That record is internal: the public snapshot and every event leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.listings.domain.errors import NotPermittedError, UnverifiedOwnerError
from services.listings.domain.organizations import Organization


@dataclass(frozen=True)
class Entry:
    owner_id: str
    entered_by: str | None = None
    """The broker who entered it from a paper dossier; None when the owner did."""


@dataclass(frozen=True)
class Author:
    """The caller, as far as entering a listing is concerned."""

    subject: str
    organization_id: str | None
    is_organization: bool
    is_broker: bool


def entry_of(author: Author, on_behalf_of: str | None) -> Entry:
    """Only a broker enters a listing for another organisation, and a broker enters listings
    only for one (a broker has no listings of its own)."""
    if on_behalf_of is not None:
        if not author.is_broker:
            raise NotPermittedError(
                "only a broker enters a listing on behalf of an organisation",
                field="on_behalf_of",
            )
        return Entry(owner_id=on_behalf_of, entered_by=author.subject)
    if author.is_organization and author.organization_id is not None:
        return Entry(owner_id=author.organization_id)
    raise NotPermittedError(
        "a broker names the organisation in on_behalf_of; an organisation enters its own",
        field="on_behalf_of",
    )


def check_dossier_owner(entry: Entry, owner: Organization) -> None:
    """A paper dossier is entered only for an organisation the Department has verified: the
    broker vouches for who filed it."""
    if entry.entered_by is not None and not owner.verified:
        raise UnverifiedOwnerError(
            "on_behalf_of", f"organisation {owner.organization_id} is not verified yet"
        )
