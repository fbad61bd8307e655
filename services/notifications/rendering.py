"""Jinja2 templates (vi/en, text + HTML) rendered safely.

HTML autoescapes every value, so a listing title like `<script>` shows as text; missing
values fail loudly (StrictUndefined) instead of rendering blanks. Each `<name>.txt` defines a
`subject` block (one line) and a `body`; `<name>.html` defines the `body` of the HTML layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from services.notifications import labels

TEMPLATES = Path(__file__).parent / "templates"
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


class Renderer:
    def __init__(self, zone: ZoneInfo, listing_url: str, province: str, portal_url: str):
        self._zone = zone
        self._listing_url = listing_url
        self._portal_url = portal_url.rstrip("/")
        self._province = province
        self._env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"], default_for_string=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._env.filters.update(
            vnd=vnd,
            local_date=self._local_date,
            local_time=self._local_time,
            local_clock=self._local_clock,
            day=day,
            listing_url=self.listing_url,
            portal_page=self.portal_page,
        )

    def listing_url(self, listing_id: str) -> str:
        return self._listing_url.replace("{listing_id}", listing_id)

    def portal_page(self, path: str) -> str:
        """The portal's page at `path` (`/to-chuc/de-xuat`), as a full URL."""
        return f"{self._portal_url}{path}"

    def render(self, template: str, language: str, context: dict[str, Any]) -> RenderedMessage:
        facts = {
            **context,
            **_titles(context),
            "lang": language,
            "province": self._province,
            "sectors": labels.SECTORS[language],
            "reasons": labels.RETURN_REASONS[language],
            "cancellations": labels.MEETING_CANCELLATIONS[language],
            "stages": labels.INTRODUCTION_STAGES[language],
            "next_steps": labels.NEXT_STEPS[language],
        }
        text = self._env.get_template(f"{language}/{template}.txt")
        subject_block = text.blocks["subject"](text.new_context(facts))
        return RenderedMessage(
            subject=_WHITESPACE.sub(" ", "".join(subject_block)).strip(),
            text=text.render(facts),
            html=self._env.get_template(f"{language}/{template}.html").render(facts),
        )

    def page(self, name: str, context: dict[str, Any]) -> str:
        """A bilingual HTML page answering a link click (confirm, unsubscribe)."""
        return self._env.get_template(f"pages/{name}.html").render(context, province=self._province)

    def _local(self, moment: str | datetime) -> datetime:
        parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        return parsed.astimezone(self._zone)

    def _local_date(self, moment: str | datetime) -> str:
        return self._local(moment).strftime("%d/%m/%Y")

    def _local_time(self, moment: str | datetime) -> str:
        return self._local(moment).strftime("%H:%M %d/%m/%Y")

    def _local_clock(self, moment: str | datetime) -> str:
        return self._local(moment).strftime("%H:%M")


def _titles(context: dict[str, Any]) -> dict[str, Any]:
    """`titles[listing_id]` for the templates, from the stored `listing_titles` list (listing
    ids are never stored as field names). Deliveries queued before keep their `titles` dict."""
    if "listing_titles" not in context:
        return {}
    return {"titles": {item["listing_id"]: item["title"] for item in context["listing_titles"]}}


def vnd(amount: int | None) -> str:
    """`1.200.000.000 ₫`: Vietnamese grouping with dots."""
    return f"{amount or 0:,}".replace(",", ".") + " ₫"


def day(value: str | date) -> str:
    """A calendar date (no time zone involved) as `dd/mm/yyyy`."""
    parsed = date.fromisoformat(value) if isinstance(value, str) else value
    return parsed.strftime("%d/%m/%Y")
