"""The broker's paper-dossier desk (`/moi-gioi/ho-so-giay`): a listing entered for a verified
organisation from the dossier it filed on paper."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_lists, signed_in
from services.portal.domain.labels import KINDS, SECTORS, TRANSFER_OBJECTS
from services.portal.domain.listing_form import (
    ListingForm,
    read_listing_form,
    read_posted_listing_form,
)
from services.portal.domain.session import Visitor
from services.portal.service.dossiers import EntryRefused, PaperDossiers, organization_name

router = APIRouter(include_in_schema=False)
DESK = "/moi-gioi/ho-so-giay"


def _use_case(request: Request) -> PaperDossiers:
    use_case: PaperDossiers = request.app.state.use_cases.paper_dossiers
    return use_case


async def _desk(
    request: Request,
    visitor: Visitor,
    form: ListingForm,
    status: int = 200,
    organizations: list[tuple[str, str]] | None = None,
    notice: str = "",
) -> Response:
    if organizations is None:
        organizations = await _use_case(request).organizations(visitor)
    return page(
        request, "listing_form.html", status, form=form, kinds=KINDS, sectors=SECTORS,
        transfer_objects=TRANSFER_OBJECTS, organizations=organizations, form_action=DESK,
        heading=f"Nhập tin từ hồ sơ giấy: {KINDS[form.value('kind')].lower()}",
        button_label="Lưu bản nháp cho tổ chức", kind_switch=DESK, notice=notice,
    )  # fmt: skip


@router.get(DESK)
async def paper_dossier_form(request: Request) -> Response:
    visitor = signed_in(request)
    query = request.query_params
    kind = query.get("kind", "offer")
    form = read_listing_form({"kind": kind if kind in KINDS else "offer"})
    organizations = await _use_case(request).organizations(visitor)
    notice = ""
    if query.get("da-luu") and query.get("to-chuc"):
        name = organization_name(organizations, query["to-chuc"])
        notice = (
            f"Đã lưu bản nháp cho {name}. Tin nằm trong mục “Tin của tôi” của đơn vị, ghi rõ do "
            "Sở nhập từ hồ sơ giấy; đơn vị kiểm tra lại rồi bấm “Gửi duyệt”."
        )
    return await _desk(request, visitor, form, organizations=organizations, notice=notice)


@router.post(DESK)
async def enter_paper_dossier(request: Request) -> Response:
    visitor = signed_in(request)
    form = read_posted_listing_form(await posted_lists(request))
    result = await _use_case(request).enter(visitor, form)
    if isinstance(result, EntryRefused):
        return await _desk(request, visitor, result.form, 422)
    query = urlencode(
        {"kind": form.value("kind"), "da-luu": result.listing_id, "to-chuc": result.organization_id}
    )
    return RedirectResponse(f"{DESK}?{query}", status_code=303)
