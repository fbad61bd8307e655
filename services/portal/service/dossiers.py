"""The broker's paper-dossier desk: a listing entered for an organisation from the dossier it
filed on paper ("hồ sơ giấy"). The listings service records the broker who entered it and
keeps it off every public record; the draft is the organisation's, which sends it to review."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.field_errors import field_messages
from services.portal.domain.listing_form import FIELDS, ListingForm, api_body
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import OrganizationRegistry, OwnListings, Tokens
from shared.errors import ForbiddenError

CHOOSE = "Chọn tổ chức đã nộp hồ sơ giấy."
UNREGISTERED = "Tổ chức này chưa đăng ký trên sàn: chọn một tổ chức trong danh sách."


@dataclass(frozen=True)
class Entered:
    listing_id: str
    organization_id: str


@dataclass(frozen=True)
class EntryRefused:
    form: ListingForm


class PaperDossiers:
    def __init__(self, registry: OrganizationRegistry, own: OwnListings, tokens: Tokens) -> None:
        self._registry = registry
        self._own = own
        self._tokens = tokens

    async def organizations(self, visitor: Visitor) -> list[tuple[str, str]]:
        """(id, name) of every verified organisation, by name."""
        found = await self._registry.directory(self._broker_token(visitor))
        return sorted(((str(o["organization_id"]), str(o["name"])) for o in found), key=_by_name)

    async def enter(self, visitor: Visitor, form: ListingForm) -> Entered | EntryRefused:
        token = self._broker_token(visitor)
        organization_id = form.value("on_behalf_of")
        if not organization_id:
            return EntryRefused(form.with_errors({"on_behalf_of": CHOOSE}))
        body = api_body(form) | {"on_behalf_of": organization_id}
        try:
            listing_id = await self._own.create(body, token)
        except FormRefusedError as refused:
            return EntryRefused(form.with_errors(_messages(refused)))
        return Entered(listing_id, organization_id)

    def _broker_token(self, visitor: Visitor) -> str:
        if not visitor.is_broker:
            raise ForbiddenError("Trang này dành cho cán bộ môi giới của Sở.")
        return self._tokens.for_visitor(visitor)


def _messages(refused: FormRefusedError) -> dict[str, str]:
    if refused.code == "conflict":  # the organisation named is not registered
        return {"on_behalf_of": UNREGISTERED}
    return field_messages(refused.errors, FIELDS)


def _by_name(organization: tuple[str, str]) -> str:
    return organization[1].casefold()


def organization_name(organizations: list[tuple[str, str]], organization_id: str) -> str:
    """The name the list gives the organisation, or its id when it is not listed."""
    return dict(organizations).get(organization_id, organization_id)
