"""Đăng ký nhận tin: a visitor (a journalist, a newsroom, anyone) asks the notifications
service for the exchange's news by e-mail, of chosen kinds and sectors, daily or weekly.

The form as typed, its checks before the API is asked (so that an empty address is refused in
Vietnamese without a round trip), the API body, the API's refusals placed on the form's
fields, and the feed links of the same choice. The double opt-in is the notifications
service's: it mails a link, and nothing is sent before it is followed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlencode

from services.portal.domain import labels

NEWS_KINDS: Final = {
    "offer": "Công nghệ chào bán",
    "demand": "Đặt hàng công nghệ",
    "deal": "Giao dịch thành công",
    "event": "Sự kiện kết nối (techmart, kết nối cung – cầu)",
    "award": "Tôn vinh, khen thưởng",
    "indicators": "Chỉ số thị trường KH&CN",
}
"""The notifications service's kinds of notice (the feeds' `?kind=`), in Vietnamese."""
FREQUENCIES: Final = {"daily": "Hằng ngày (bản tin buổi sáng)", "weekly": "Hằng tuần"}
SUBSCRIBER_KINDS: Final = {
    "person": "Cá nhân",
    "media_partner": "Cơ quan báo chí, đài phát thanh – truyền hình, cổng thông tin",
    "organization": "Doanh nghiệp, viện, trường",
    "association": "Hội, hiệp hội",
    "agency": "Cơ quan nhà nước",
}
FIELDS: Final = ("subscriber_name", "kind", "email", "kinds", "sectors", "frequency")
MAX_NAME: Final = 200
FEED_FILES: Final = {"Atom": "atom.xml", "RSS": "rss.xml", "JSON Feed": "feed.json"}


@dataclass(frozen=True)
class NewsForm:
    subscriber_name: str = ""
    kind: str = "person"
    email: str = ""
    kinds: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    frequency: str = "daily"
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return str(getattr(self, name, ""))

    def with_errors(self, errors: dict[str, str]) -> NewsForm:
        return NewsForm(**{**self.__dict__, "errors": errors})


def read_news_form(posted: Mapping[str, list[str]]) -> NewsForm:
    """What was posted, every checkbox kept; values not on the form's lists are dropped (a
    crafted post cannot send the API what the page does not offer)."""

    def one(name: str) -> str:
        return (posted.get(name) or [""])[-1].strip()

    def chosen(name: str, offered: Iterable[str]) -> tuple[str, ...]:
        allowed = set(offered)
        return tuple(dict.fromkeys(v for v in posted.get(name, []) if v in allowed))

    return NewsForm(
        subscriber_name=one("subscriber_name"),
        kind=one("kind") if one("kind") in SUBSCRIBER_KINDS else "person",
        email=one("email"),
        kinds=chosen("kinds", NEWS_KINDS),
        sectors=chosen("sectors", labels.SECTORS),
        frequency=one("frequency") if one("frequency") in FREQUENCIES else "daily",
    )


def form_of_query(params: Mapping[str, str]) -> NewsForm:
    """The blank form, with a kind and a sector already ticked when a link asked for them
    (`/nhan-tin?kind=demand&sector=medicinal_herbs`, as a feed's filters)."""
    kind, sector = params.get("kind", ""), params.get("sector", "")
    return NewsForm(
        kinds=(kind,) if kind in NEWS_KINDS else (),
        sectors=(sector,) if sector in labels.SECTORS else (),
    )


def own_refusals(form: NewsForm) -> dict[str, str]:
    """What the page refuses itself, in Vietnamese; the API checks the rest (the address)."""
    errors: dict[str, str] = {}
    if not form.subscriber_name:
        errors["subscriber_name"] = "Nhập họ tên hoặc tên cơ quan, đơn vị."
    elif len(form.subscriber_name) > MAX_NAME:
        errors["subscriber_name"] = f"Quá dài: tối đa {MAX_NAME} ký tự."
    if not form.email:
        errors["email"] = "Nhập địa chỉ thư điện tử để nhận tin."
    elif "@" not in form.email:
        errors["email"] = "Địa chỉ thư điện tử dạng ten@donvi.vn."
    return errors


def subscription_body(form: NewsForm) -> dict[str, Any]:
    """The notifications API's `POST /subscriptions` body (an e-mail subscription, in
    Vietnamese); no kind or sector ticked means all of them."""
    return {
        "subscriber_name": form.subscriber_name,
        "kind": form.kind,
        "channel": "email",
        "email": form.email,
        "language": "vi",
        "frequency": form.frequency,
        "filters": {"kinds": list(form.kinds), "sectors": list(form.sectors)},
    }


def form_field(api_field: str) -> str:
    """`body.filters.kinds.0` → `kinds`, `body.email` → `email`: the API's field on the form."""
    parts = [p for p in api_field.split(".") if p not in ("body", "filters")]
    return parts[0] if parts and parts[0] in FIELDS else "_form"


@dataclass(frozen=True)
class FeedLink:
    label: str
    """What the feed holds, e.g. "Đặt hàng công nghệ · Dược liệu"."""
    urls: dict[str, str]
    """Format (Atom, RSS, JSON Feed) → URL."""


def feed_links(form: NewsForm, feeds_url: str) -> list[FeedLink]:
    """The public feeds of the same choice: one per kind ticked (or the whole feed), narrowed to
    the sector when exactly one is ticked (a feed takes one kind and one sector)."""
    sector = form.sectors[0] if len(form.sectors) == 1 else None
    kinds: list[str | None] = list(form.kinds) or [None]
    links = []
    for kind in kinds:
        query = {name: v for name, v in (("kind", kind), ("sector", sector)) if v is not None}
        suffix = f"?{urlencode(query)}" if query else ""
        words = [NEWS_KINDS[kind] if kind else "Tất cả tin", labels.SECTORS.get(sector or "")]
        urls = {name: f"{feeds_url}/feeds/{file}{suffix}" for name, file in FEED_FILES.items()}
        links.append(FeedLink(" · ".join(w for w in words if w), urls))
    return links
