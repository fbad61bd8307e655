"""Who a delivery is for, as a reference resolved to an address only when it is sent."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator


class RecipientKind(StrEnum):
    SUBSCRIPTION = "subscription"
    ORGANIZATION = "organization"
    LISTING_OWNER = "listing-owner"
    """The owner of a listing, known privately (anonymous demands) from the contacts topic."""


class RecipientRef(BaseModel):
    """`organization:org_…`, `listing-owner:lst_…` or `subscription:sub_…`."""

    model_config = ConfigDict(frozen=True)

    kind: RecipientKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.id}"

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            kind, _, ident = value.partition(":")
            return {"kind": kind, "id": ident}
        return value

    @model_serializer
    def _as_text(self) -> str:
        return str(self)


def organization(organization_id: str) -> RecipientRef:
    return RecipientRef(kind=RecipientKind.ORGANIZATION, id=organization_id)


def listing_owner(listing_id: str) -> RecipientRef:
    return RecipientRef(kind=RecipientKind.LISTING_OWNER, id=listing_id)


def subscription(subscription_id: str) -> RecipientRef:
    return RecipientRef(kind=RecipientKind.SUBSCRIPTION, id=subscription_id)
