"""Đăng ký nhận tin: the page's checks, then the notifications API's; its refusals are placed
on the form's fields in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.field_errors import worded
from services.portal.domain.news_subscription import (
    NewsForm,
    form_field,
    own_refusals,
    subscription_body,
)
from services.portal.domain.refusals import FormRefusedError
from services.portal.service.ports import NewsSubscriptionDesk

TOO_MANY = (
    "Địa chỉ này (hoặc máy này) đã gửi nhiều yêu cầu đăng ký trong thời gian ngắn. Vui lòng "
    "kiểm tra hộp thư, hoặc thử lại sau một giờ."
)


@dataclass(frozen=True)
class ConfirmationSent:
    email: str


class NewsSubscriptions:
    def __init__(self, desk: NewsSubscriptionDesk) -> None:
        self._desk = desk

    async def subscribe(
        self, form: NewsForm, visitor_address: str | None
    ) -> ConfirmationSent | NewsForm:
        """The confirmation is mailed; or the form back with each refusal beside its field."""
        errors = own_refusals(form)
        if errors:
            return form.with_errors(errors)
        try:
            await self._desk.subscribe(subscription_body(form), visitor_address)
        except FormRefusedError as refused:
            return form.with_errors(_placed(refused))
        return ConfirmationSent(form.email)


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
