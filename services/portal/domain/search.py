"""The public search form: what a visitor typed, checked before any service is asked.

Each refusal names its field and says what is wrong in Vietnamese, next to that field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.portal.domain import labels

MAX_WORDS = 200


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    kind: str = ""
    sector: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def api_params(self) -> dict[str, str]:
        """The listings API's query: only what was given."""
        return {k: v for k, v in (("q", self.q), ("kind", self.kind), ("sector", self.sector)) if v}


def read_search_form(query: Mapping[str, str]) -> SearchForm:
    q = " ".join(query.get("q", "").split())
    kind, sector = query.get("kind", ""), query.get("sector", "")
    errors: dict[str, str] = {}
    if len(q) > MAX_WORDS:
        errors["q"] = f"Từ khóa tối đa {MAX_WORDS} ký tự."
    if kind and kind not in labels.KINDS:
        errors["kind"] = "Loại tin không hợp lệ: chọn chào bán hoặc đặt hàng."
    if sector and sector not in labels.SECTORS:
        errors["sector"] = "Lĩnh vực không có trong danh mục."
    return SearchForm(q=q, kind=kind, sector=sector, errors=errors)
