"""Offers and demands: the owner's actions, reading one, search, bulk import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response, status

from services.listings.api.deps import OrgDep, OrgOrBrokerDep, UseCasesDep, ViewerDep
from services.listings.api.models import (
    ImportReport,
    ListingCreate,
    ListingPage,
    ListingRead,
    ListingUpdate,
    RenewRequest,
    SearchParams,
    WithdrawRequest,
)
from services.listings.importer import CatalogueFormat, parse
from services.listings.service.listings import organization_of
from services.listings.service.queries import can_see_everything
from shared.clock import local_day, utc_now
from shared.http import PROBLEM_RESPONSES, FieldError, ProblemError

router = APIRouter(prefix="/v1/listings", tags=["listings"], responses=PROBLEM_RESPONSES)
ListingIdPath = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
IdempotencyKey = Annotated[
    str | None,
    Header(max_length=200, description="Retrying with the same key returns the first response."),
]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_listing(
    body: ListingCreate, principal: OrgOrBrokerDep, services: UseCasesDep, response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ListingRead:  # fmt: skip
    """A draft offer or demand of the caller's organisation; a broker enters one from an
    organisation's paper dossier by naming it in `on_behalf_of` (a verified organisation)."""
    created = await services.listings.create(
        principal, body.terms(), idempotency_key, body.on_behalf_of
    )
    if created.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return ListingRead.of(created.listing, private=True)


@router.put("/{listing_id}")
async def update_listing(
    listing_id: ListingIdPath, body: ListingUpdate, principal: OrgDep, services: UseCasesDep
) -> ListingRead:
    listing = await services.listings.update(principal, listing_id, body.terms(), body.version)
    return ListingRead.of(listing, private=True)


@router.post("/{listing_id}/submit")
async def submit_listing(
    listing_id: ListingIdPath, principal: OrgDep, services: UseCasesDep
) -> ListingRead:
    """To the brokers' moderation queue (the organisation must be verified)."""
    listing = await services.listings.submit(principal, listing_id)
    return ListingRead.of(listing, private=True)


@router.post("/{listing_id}/withdraw")
async def withdraw_listing(
    listing_id: ListingIdPath, body: WithdrawRequest, principal: OrgDep, services: UseCasesDep
) -> ListingRead:
    listing = await services.listings.withdraw(principal, listing_id, body.reason)
    return ListingRead.of(listing, private=True)


@router.post("/{listing_id}/renew")
async def renew_listing(
    listing_id: ListingIdPath, body: RenewRequest, principal: OrgDep, services: UseCasesDep
) -> ListingRead:
    listing = await services.listings.renew(principal, listing_id, body.valid_until)
    return ListingRead.of(listing, private=True)


@router.get("/{listing_id}")
async def get_listing(
    listing_id: ListingIdPath, viewer: ViewerDep, services: UseCasesDep
) -> ListingRead:
    """Public view without contact; the owner and brokers also see the private side."""
    listing = await services.queries.get(listing_id, viewer)
    return ListingRead.of(listing, private=can_see_everything(listing, viewer))


@router.get("")
async def search_listings(
    params: Annotated[SearchParams, Query()], viewer: ViewerDep, services: UseCasesDep
) -> ListingPage:
    """Filters and Vietnamese full text that ignores accents and case ("sam ngoc linh")."""
    page = await services.queries.search(params.criteria(), viewer)
    items = [ListingRead.of(x, private=can_see_everything(x, viewer)) for x in page.items]
    return ListingPage(items=items, next_cursor=page.next_cursor)


@router.post(
    "/import",
    status_code=status.HTTP_201_CREATED,
    openapi_extra={"requestBody": {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
async def import_listings(
    request: Request, principal: OrgDep, services: UseCasesDep,
    fmt: Annotated[CatalogueFormat, Query(alias="format")] = CatalogueFormat.CSV,
) -> ImportReport:  # fmt: skip
    """A catalogue (CSV or JSON Lines) of the caller's organisation: every row becomes a
    submitted listing, or — if any row is bad — none does and each bad row is reported."""
    text = (await request.body()).decode("utf-8-sig", errors="replace")
    imports = services.imports
    catalogue = parse(text, fmt, local_day(utc_now()), imports.max_rows)
    if catalogue.errors:
        errors = [
            FieldError(
                field=f"rows.{e.row}.{e.field}", message=e.message, code=e.code, limit=e.limit
            )
            for e in catalogue.errors
        ]
        detail = f"{len(errors)} bad row(s); nothing was imported."
        raise ProblemError(
            422, "import-rejected", "Catalogue rejected", detail, errors=errors[:200]
        )
    created = await imports.import_catalogue(organization_of(principal), catalogue.rows)
    return ImportReport(imported=len(created), listing_ids=[x.listing_id for x in created])
