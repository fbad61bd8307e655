"""What a targeted message is: who receives it, in which role, and what it shows (the table of
messages is `targeted.py`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from services.notifications.domain.attachments import Attachment, no_attachments
from services.notifications.domain.recipients import RecipientRef
from shared.events.base import Event
from shared.events.vocabulary import OrganizationKind


@dataclass(frozen=True)
class Party:
    recipient: RecipientRef
    role: str
    """`owner`, `offer` (the supplier side) or `demand` (the seeker side)."""
    counterpart: RecipientRef | None = None
    """Whose contact details the message reveals (only once both sides agreed)."""
    named: RecipientRef | None = None
    """Whose public organisation name the message shows, if known when sent (no contact
    details, and the message does not wait for it)."""


@dataclass(frozen=True)
class TargetedMessage:
    template: str
    parties: Callable[[Event], list[Party]]
    facts: Callable[[Event], dict[str, Any]]
    listings: Callable[[Event], tuple[str, ...]]
    """Listings whose public titles the message names."""
    attachments: Callable[[Mapping[str, Any]], list[Attachment]] = no_attachments
    """Files built from the stored facts when the e-mail is sent."""
    revised: Callable[[Event], str] | None = None
    """The subject whose messages are counted (`sequence` in the facts: a calendar entry's
    SEQUENCE, so a later message outranks an earlier one)."""
    audience: OrganizationKind | None = None
    """Organisations of this kind (known from `stx.organizations.v1`) receive it too."""
    open_until: Callable[[Mapping[str, Any]], datetime] | None = None
    """Organisations of the audience that become known later still receive it until then."""


class StandingMessage(BaseModel):
    """A message to an audience, kept so that latecomers of the audience receive it too."""

    model_config = ConfigDict(frozen=True)

    source_event_id: str
    source_event_type: str
    template: str
    audience: str
    facts: dict[str, Any]
    until: datetime
