"""Đăng ký nhận tin: the page's checks, then the notifications API's; its refusals are placed
on the form's fields in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.field_errors import worded
from services.portal.domain.my_subscriptions import SubscriptionView, subscription_view
from services.portal.domain.news_subscription import (
    NewsForm,
    form_field,
    own_refusals,
    subscription_body,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.domain.session import Visitor
from services.portal.service.ports import NewsSubscriptionDesk, Tokens
from shared.errors import ForbiddenError

TOO_MANY = (
    "Địa chỉ này (hoặc máy này) đã gửi nhiều yêu cầu đăng ký trong thời gian ngắn. Vui lòng "
    "kiểm tra hộp thư, hoặc thử lại sau một giờ."
)


@dataclass(frozen=True)
class ConfirmationSent:
    email: str


class NewsSubscriptions:
    def __init__(self, desk: NewsSubscriptionDesk, tokens: Tokens) -> None:
        self._desk = desk
        self._tokens = tokens

    async def subscribe(
        self, form: NewsForm, visitor_address: str | None, visitor: Visitor | None = None
    ) -> ConfirmationSent | NewsForm:
        """The confirmation is mailed; or the form back with each refusal beside its field.
        A signed-in organisation's subscription is its own (listed at `/to-chuc/nhan-tin`)."""
        errors = own_refusals(form)
        if errors:
            return form.with_errors(errors)
        token = self._tokens.for_visitor(visitor) if visitor and visitor.is_organization else None
        try:
            await self._desk.subscribe(subscription_body(form), visitor_address, token)
        except FormRefusedError as refused:
            return form.with_errors(_placed(refused))
        return ConfirmationSent(form.email)

    async def mine(self, visitor: Visitor) -> list[SubscriptionView]:
        raw = await self._desk.mine(self._organization_token(visitor))
        return [subscription_view(item) for item in raw]

    async def set_active(self, visitor: Visitor, subscription_id: str, active: bool) -> str | None:
        """None when done; otherwise why not, in Vietnamese."""
        try:
            await self._desk.set_active(subscription_id, active, self._organization_token(visitor))
        except FormRefusedError:
            return "Chỉ tạm dừng hoặc tiếp tục được sau khi địa chỉ e-mail đã được xác nhận."
        return None

    def _organization_token(self, visitor: Visitor) -> str:
        if not visitor.is_organization:
            raise ForbiddenError("Trang này dành cho tổ chức đã đăng nhập.")
        return self._tokens.for_visitor(visitor)


def _placed(refused: FormRefusedError) -> dict[str, str]:
    if refused.code == "too-many-signups":
        return {"_form": TOO_MANY}
    errors: dict[str, str] = {}
    for error in refused.errors:
        name = form_field(str(error.get("field", "")))
        errors.setdefault(name, worded(error, name))
    if not errors:
        errors["_form"] = f"Không đăng ký được: {refused.detail}".strip()
    return errors
