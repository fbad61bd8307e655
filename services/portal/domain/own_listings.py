"""An organisation's own listing, as its list of listings shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from services.portal.domain import labels

SUBMITTABLE = frozenset({"draft", "returned"})
WITHDRAWABLE = frozenset({"draft", "submitted", "returned", "published", "expired"})
RENEWABLE = frozenset({"published", "expired"})
EDITABLE = frozenset({"draft", "returned", "published"})
"""The listings service's lifecycle, mirrored only to offer the right buttons: the service
decides, and a refusal is shown as it words it."""


@dataclass(frozen=True)
class OwnListing:
    listing_id: str
    title: str
    kind_label: str
    state: str
    state_label: str
    awaiting_revision: bool = False
    """A published listing whose edit waits for a broker (the public sees the approved one)."""
    entered_by_broker: bool = False
    """Entered by the Department from the organisation's paper dossier."""

    @property
    def can_submit(self) -> bool:
        return self.state in SUBMITTABLE

    @property
    def can_withdraw(self) -> bool:
        return self.state in WITHDRAWABLE

    @property
    def can_edit(self) -> bool:
        return self.state in EDITABLE

    @property
    def can_renew(self) -> bool:
        return self.state in RENEWABLE

    @property
    def is_public(self) -> bool:
        return self.state == "published"


def own_listing(raw: Mapping[str, Any]) -> OwnListing:
    state = str(raw.get("status", ""))
    private = raw.get("private") or {}
    return OwnListing(
        listing_id=str(raw["listing_id"]),
        title=str(raw.get("title", "")),
        kind_label=labels.label(labels.KINDS, raw.get("kind")),
        state=state,
        state_label=labels.label(labels.STATES, state),
        awaiting_revision=bool(private.get("pending_revision")),
        entered_by_broker=bool(private.get("entered_by")),
    )
