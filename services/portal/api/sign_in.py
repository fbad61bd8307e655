"""Development sign-in (`/dang-nhap`): pick a demo organisation; refused in production, where
the province's identity provider signs people in (not built yet)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, settings_of, sign_in, sign_out
from services.portal.domain.session import SESSION_TTL, Visitor
from shared.clock import utc_now
from shared.errors import NotFoundError, RuleBrokenError

router = APIRouter(include_in_schema=False)
NEWCOMER = "nguoi-dung-moi"
"""The sign-in page's choice for someone whose organisation is not registered yet."""


def _require_dev(request: Request) -> None:
    if not settings_of(request).dev_sign_in:
        raise NotFoundError("Địa chỉ này không có trang nào.")


@router.get("/dang-nhap")
async def sign_in_page(request: Request) -> Response:
    _require_dev(request)
    return page(request, "sign_in.html", users=settings_of(request).demo_users)


@router.post("/dang-nhap")
async def sign_in_as(request: Request) -> Response:
    _require_dev(request)
    form = await posted_form(request)
    chosen = form.get("subject")
    if chosen == NEWCOMER:
        visitor, home = _newcomer(form.get("name", "")), "/dang-ky"
    else:
        user = next((u for u in settings_of(request).demo_users if u.subject == chosen), None)
        if user is None:
            raise RuleBrokenError("Chọn một tài khoản trong danh sách.", field="subject")
        visitor = Visitor(
            subject=user.subject,
            name=user.name,
            roles=(user.role,),
            organization_id=user.organization_id,
            expires_at=utc_now() + SESSION_TTL,
        )
        home = _home_of(visitor)
    response = RedirectResponse(home, status_code=303)
    sign_in(request, response, visitor)
    return response


def _home_of(visitor: Visitor) -> str:
    if visitor.is_broker:
        return "/moi-gioi/kiem-duyet"
    if visitor.is_reviewer:
        return "/tham-dinh"
    return "/to-chuc/tin"


def _newcomer(name: str) -> Visitor:
    """A representative whose organisation is not registered yet. The identity provider would
    name the person; the organisation's id is given here, once, for its sign-up."""
    suffix = secrets.token_hex(6)
    return Visitor(
        subject=f"{NEWCOMER}:{suffix}",
        name=name.strip()[:120] or "Người đại diện tổ chức mới",
        roles=("org",),
        organization_id=f"org_moi_{suffix}",
        expires_at=utc_now() + SESSION_TTL,
    )


@router.post("/dang-xuat")
async def sign_out_now(request: Request) -> Response:
    await posted_form(request)
    response = RedirectResponse("/", status_code=303)
    sign_out(response)
    return response
