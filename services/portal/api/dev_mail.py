"""Development only: `/dev/mail`, the e-mails the local stack sent (mounted only when the
local SMTP sink's folder is configured, which production refuses)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import page
from services.portal.service.dev_mail import DevMail
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)


def _dev_mail(request: Request) -> DevMail:
    dev_mail: DevMail | None = request.app.state.use_cases.dev_mail
    if dev_mail is None:
        raise NotFoundError("Địa chỉ này không có trang nào.")
    return dev_mail


@router.get("/dev/mail")
async def inbox(request: Request) -> Response:
    messages = await _dev_mail(request).inbox()
    return page(request, "dev_mail_inbox.html", messages=messages)


@router.get("/dev/mail/{name}")
async def message(request: Request, name: str) -> Response:
    mail = await _dev_mail(request).message(name)
    return page(request, "dev_mail_message.html", mail=mail)
