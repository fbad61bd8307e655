"""Sign-in (`/dang-nhap`): at the province's identity provider when one is configured
(OpenID Connect, back at `/dang-nhap/oidc`); otherwise, outside production only, the
development page where one picks a demo user."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import (
    PROVINCE_RETURN,
    forget_pending,
    pending_of,
    posted_form,
    remember_pending,
    settings_of,
    sign_in,
    sign_out,
)
from services.portal.domain.oidc import SignInFailedError
from services.portal.domain.session import SESSION_TTL, Visitor
from services.portal.service.sign_in import ProvinceSignIn
from shared.clock import utc_now
from shared.errors import NotFoundError, RuleBrokenError

router = APIRouter(include_in_schema=False)


def _province(request: Request) -> ProvinceSignIn | None:
    """Signing in at the province's identity provider, when one is configured."""
    use_case: ProvinceSignIn | None = request.app.state.use_cases.province_sign_in
    return use_case


NEWCOMER = "nguoi-dung-moi"
"""The sign-in page's choice for someone whose organisation is not registered yet."""


def _require_dev(request: Request) -> None:
    if not settings_of(request).dev_sign_in:
        raise NotFoundError("Địa chỉ này không có trang nào.")


@router.get("/dang-nhap")
async def sign_in_page(request: Request) -> Response:
    province = _province(request)
    if province is not None:
        pending, url = await province.start(request.query_params.get("tiep", "/"), utc_now())
        response = RedirectResponse(url, status_code=303)
        remember_pending(request, response, pending)
        return response
    _require_dev(request)
    return page(request, "sign_in.html", users=settings_of(request).demo_users)


@router.get(PROVINCE_RETURN)
async def back_from_the_province(request: Request) -> Response:
    province = _province(request)
    if province is None:
        raise NotFoundError("Địa chỉ này không có trang nào.")
    pending, answer = pending_of(request), request.query_params
    try:
        visitor = await province.finish(
            pending, answer.get("state", ""), answer.get("code", ""), answer.get("error", ""),
            utc_now(),
        )  # fmt: skip
    except SignInFailedError as failed:
        title = "Chưa đăng nhập được"
        response = page(request, "error.html", 400, title=title, message=str(failed))
    else:
        assert pending is not None, "a sign-in finishes only from its pending cookie"
        home = pending.return_to if pending.return_to != "/" else _home_of(visitor)
        response = RedirectResponse(home, status_code=303)
        sign_in(request, response, visitor)
    forget_pending(response)
    return response


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
