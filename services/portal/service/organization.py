"""An organisation's own pages: its listings in every state, a new draft, editing one, sending
it to review, withdrawing and renewing it."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from services.portal.domain.catalogue import RowProblem, file_problem, row_problems
from services.portal.domain.field_errors import field_messages
from services.portal.domain.listing_form import (
    FIELDS,
    ListingForm,
    api_body,
    edit_body,
    form_of_listing,
)
from services.portal.domain.own_listings import OwnListing, own_listing
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import OwnListings, Tokens
from shared.errors import ForbiddenError, NotFoundError

WITHDRAW_REASON = "Nêu lý do rút tin (ít nhất 3 ký tự)."
NEW_VALIDITY = "Chọn ngày hết hạn mới, sau hôm nay."
STALE = (
    "Tin này vừa được thay đổi ở nơi khác (một thẻ trình duyệt khác, hoặc Sở vừa duyệt) sau "
    "khi bạn mở trang sửa. Những gì bạn đã gõ vẫn còn dưới đây: hãy mở lại bản mới nhất rồi sửa."
)
NOT_EDITABLE = (
    "Lúc này tin không sửa được: tin đang chờ Sở duyệt, đã rút, đã hết hạn hoặc đã chuyển giao."
)
UNVERIFIED = (
    "Tổ chức của bạn chưa được Sở KH&CN xác minh nên chưa nhập được tin: liên hệ Sở để được "
    "xác minh rồi nhập lại."
)
TOO_MANY_ROWS = "Tệp có quá nhiều dòng: chia thành nhiều tệp nhỏ hơn rồi nhập từng tệp."
NO_ROWS = "Tệp chỉ có dòng tiêu đề, chưa có dòng tin nào."
SHOWN_STATES = ("returned", "draft", "submitted", "published", "expired", "fulfilled")


@dataclass(frozen=True)
class Saved:
    listing_id: str


@dataclass(frozen=True)
class Refused:
    form: ListingForm


@dataclass(frozen=True)
class Editing:
    """The edit page of one listing: the form, and what saving it will do."""

    listing_id: str
    form: ListingForm
    published: bool
    """Saved changes other than its dates wait for a broker as a pending revision."""
    awaiting_revision: bool
    """An earlier edit already waits for a broker: the form shows it, saving replaces it."""
    stale: bool = False
    """The API refused the save: someone saved a newer version since the page was opened."""


@dataclass(frozen=True)
class Edited:
    listing_id: str
    awaiting_review: bool
    """The edit waits for a broker; the public still sees the approved version."""


@dataclass(frozen=True)
class Imported:
    count: int
    listings: list[OwnListing]
    """The imported listings as the organisation's list shows them (sent to review)."""


@dataclass(frozen=True)
class ImportRefused:
    message: str
    problems: list[RowProblem]
    """Each bad row of the file, by line; empty when the file itself was refused."""


class OrganizationListings:
    def __init__(self, listings: OwnListings, tokens: Tokens) -> None:
        self._listings = listings
        self._tokens = tokens

    async def mine(self, visitor: Visitor) -> list[OwnListing]:
        organization_id, token = self._acting(visitor)
        found = []
        for state in SHOWN_STATES:
            found += await self._listings.mine(organization_id, state, token)
        return [own_listing(raw) for raw in found]

    async def create(self, visitor: Visitor, form: ListingForm) -> Saved | Refused:
        _, token = self._acting(visitor)
        try:
            return Saved(await self._listings.create(api_body(form), token))
        except FormRefusedError as refused:
            return Refused(form.with_errors(field_messages(refused.errors, FIELDS)))

    async def editing(self, visitor: Visitor, listing_id: str) -> Editing:
        """The edit page of one of the organisation's listings. Raises `NotFoundError`."""
        organization_id, token = self._acting(visitor)
        listing = await self._own_listing(listing_id, organization_id, token)
        return _editing(listing_id, listing, form_of_listing(listing))

    async def update(
        self, visitor: Visitor, listing_id: str, form: ListingForm
    ) -> Edited | Editing:
        """Saved (`Edited`), or the page again with each refusal next to its field."""
        organization_id, token = self._acting(visitor)
        listing = await self._own_listing(listing_id, organization_id, token)
        try:
            saved = await self._listings.update(listing_id, edit_body(form, listing), token)
        except FormRefusedError as refused:
            errors = field_messages(refused.errors, FIELDS)
            if refused.code == "conflict":
                errors["_form"] = STALE
            elif refused.code == "invalid-transition":
                errors["_form"] = NOT_EDITABLE
            edited = _editing(listing_id, listing, form.with_errors(errors))
            return replace(edited, stale=refused.code == "conflict")
        pending = (saved.get("private") or {}).get("pending_revision")
        return Edited(listing_id, awaiting_review=bool(pending))

    async def import_catalogue(self, visitor: Visitor, data: bytes) -> Imported | ImportRefused:
        """Every row of a CSV file as a listing sent to review, or none and each bad row."""
        organization_id, token = self._acting(visitor)
        problem = file_problem(data)
        if problem is not None:
            return ImportRefused(problem, [])
        try:
            ids = await self._listings.import_catalogue(data, token)
        except FormRefusedError as refused:
            return _import_refused(refused)
        if not ids:
            return ImportRefused(NO_ROWS, [])
        submitted = await self._listings.mine(organization_id, "submitted", token)
        imported = [own_listing(raw) for raw in submitted if raw.get("listing_id") in ids]
        return Imported(len(ids), imported)

    async def submit(self, visitor: Visitor, listing_id: str) -> str | None:
        """None when sent; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        return await _attempt(self._listings.submit(listing_id, token), "Chưa gửi duyệt được")

    async def withdraw(self, visitor: Visitor, listing_id: str, reason: str) -> str | None:
        """None when withdrawn; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        done = self._listings.withdraw(listing_id, reason, token)
        return await _attempt(done, "Chưa rút tin được", reason=WITHDRAW_REASON)

    async def renew(self, visitor: Visitor, listing_id: str, valid_until: str) -> str | None:
        """None when renewed; otherwise why not, in Vietnamese."""
        _, token = self._acting(visitor)
        done = self._listings.renew(listing_id, valid_until, token)
        return await _attempt(done, "Chưa gia hạn được", valid_until=NEW_VALIDITY)

    async def _own_listing(
        self, listing_id: str, organization_id: str, token: str
    ) -> Mapping[str, Any]:
        """The listing as its owner sees it; another organisation's is "not found" (its public
        view carries no private side)."""
        listing = await self._listings.get(listing_id, token)
        private = listing.get("private") or {}
        if private.get("owner_organization_id") != organization_id:
            raise NotFoundError("Không tìm thấy tin này.")
        return listing

    def _acting(self, visitor: Visitor) -> tuple[str, str]:
        if not visitor.is_organization or visitor.organization_id is None:
            raise ForbiddenError("Trang này dành cho tài khoản của tổ chức.")
        return visitor.organization_id, self._tokens.for_visitor(visitor)


def _import_refused(refused: FormRefusedError) -> ImportRefused:
    problems = row_problems(refused.errors)
    if problems:
        lines = len({problem.row for problem in problems})
        message = (
            f"Chưa nhập tin nào: {lines} dòng có lỗi, liệt kê dưới đây. Sửa các dòng đó rồi tải "
            "tệp lên lại — tin chỉ được nhập khi mọi dòng đều đúng."
        )
        return ImportRefused(message, problems)
    if any("verified" in str(error.get("field", "")) for error in refused.errors):
        return ImportRefused(UNVERIFIED, [])
    if refused.code == "catalogue-too-large":
        return ImportRefused(TOO_MANY_ROWS, [])
    return ImportRefused(f"Chưa nhập được: {refused.detail}", [])


def _editing(listing_id: str, listing: Mapping[str, Any], form: ListingForm) -> Editing:
    private = listing.get("private") or {}
    return Editing(
        listing_id=listing_id,
        form=form,
        published=listing.get("status") == "published",
        awaiting_revision=bool(private.get("pending_revision")),
    )


async def _attempt(action: Awaitable[None], failed: str, **field_words: str) -> str | None:
    """None when the action went through; otherwise why not, in Vietnamese: the words for a
    field the action's own form names (`field_words`), else the API's field errors."""
    try:
        await action
    except FormRefusedError as refused:
        for error in refused.errors:
            field = str(error.get("field", "")).rsplit(".", 1)[-1]
            if field in field_words:
                return field_words[field]
        messages = field_messages(refused.errors, FIELDS)
        return "; ".join(messages.values()) or f"{failed}: {refused.detail}"
    return None
