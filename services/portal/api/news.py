"""Đăng ký nhận tin (`/nhan-tin`, public): news of the exchange by e-mail, of the kinds and
sectors a visitor ticks, daily or weekly, with the feeds of the same choice; and a signed-in
organisation's own subscriptions (`/to-chuc/nhan-tin`), paused and resumed there."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import (
    current_visitor,
    posted_form,
    posted_lists,
    settings_of,
    signed_in,
)
from services.portal.domain.labels import SECTORS
from services.portal.domain.news_subscription import (
    FREQUENCIES,
    NEWS_KINDS,
    SUBSCRIBER_KINDS,
    FeedLink,
    NewsForm,
    feed_links,
    form_of_query,
    read_news_form,
)
from services.portal.service.news import NewsSubscriptions
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
PATH = "/nhan-tin"


def _use_case(request: Request) -> NewsSubscriptions:
    use_case: NewsSubscriptions = request.app.state.use_cases.news
    return use_case


def _feeds(request: Request, form: NewsForm) -> list[FeedLink]:
    return feed_links(form, settings_of(request).feeds_url.rstrip("/"))


def _form_page(request: Request, form: NewsForm, status: int = 200) -> Response:
    return page(
        request, "news_subscription.html", status, form=form, news_kinds=NEWS_KINDS,
        sectors=SECTORS, frequencies=FREQUENCIES, subscriber_kinds=SUBSCRIBER_KINDS,
        feeds=_feeds(request, form),
    )  # fmt: skip


@router.get(PATH)
async def news_form(request: Request) -> Response:
    return _form_page(request, form_of_query(request.query_params))


@router.post(PATH)
async def subscribe(request: Request) -> Response:
    form = read_news_form(await posted_lists(request))
    visitor_address = request.client.host if request.client else None
    result = await _use_case(request).subscribe(form, visitor_address, current_visitor(request))
    if isinstance(result, NewsForm):
        return _form_page(request, result, 422)
    return page(
        request, "news_subscription_sent.html", email=result.email, feeds=_feeds(request, form)
    )


MINE = "/to-chuc/nhan-tin"
SUBSCRIPTION_ID = re.compile(r"^sub_[a-f0-9]{1,32}$")
ACTIONS = {"tam-dung": False, "tiep-tuc": True}
"""Pause or resume (`active`)."""


@router.get(MINE)
async def my_subscriptions(request: Request) -> Response:
    visitor = signed_in(request)
    found = await _use_case(request).mine(visitor)
    return page(request, "my_subscriptions.html", subscriptions=found)


@router.post(MINE + "/{subscription_id}/{action}")
async def pause_or_resume(request: Request, subscription_id: str, action: str) -> Response:
    visitor = signed_in(request)
    await posted_form(request)
    if action not in ACTIONS or not SUBSCRIPTION_ID.match(subscription_id):
        raise NotFoundError("Không tìm thấy trang này.")
    problem = await _use_case(request).set_active(visitor, subscription_id, ACTIONS[action])
    if problem is not None:
        found = await _use_case(request).mine(visitor)
        return page(
            request, "my_subscriptions.html", 409, subscriptions=found, problem=problem,
            problem_of=subscription_id,
        )  # fmt: skip
    return RedirectResponse(MINE, status_code=303)
