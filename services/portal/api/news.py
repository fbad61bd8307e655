"""Đăng ký nhận tin (`/nhan-tin`, public): news of the exchange by e-mail, of the kinds and
sectors a visitor ticks, daily or weekly, with the feeds of the same choice."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_lists, settings_of
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
    result = await _use_case(request).subscribe(form, visitor_address)
    if isinstance(result, NewsForm):
        return _form_page(request, result, 422)
    return page(
        request, "news_subscription_sent.html", email=result.email, feeds=_feeds(request, form)
    )
