"""In-memory awards API for the portal's page tests: programmes, results, certificates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.errors import NotFoundError


class InMemoryAwards:
    def __init__(self, *programmes: Mapping[str, Any], results: Mapping[str, Any] | None = None):
        self.items = {str(p["programme_id"]): p for p in programmes}
        self.results_of = dict(results or {})

    async def programmes(self) -> list[Mapping[str, Any]]:
        return list(self.items.values())

    async def programme(self, programme_id: str) -> Mapping[str, Any]:
        if programme_id not in self.items:
            raise NotFoundError("Không tìm thấy trang này.")
        return self.items[programme_id]

    async def results(self, programme_id: str) -> Mapping[str, Any]:
        return self.results_of.get(programme_id, {"awards": []})

    async def certificate(self, nomination_id: str) -> bytes:
        if nomination_id != "nom_1":
            raise NotFoundError("Không tìm thấy trang này.")
        return b"%PDF-1.7 certificate"


def programme_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "programme_id": "prg_2026",
        "year": 2026,
        "title": "Tôn vinh doanh nghiệp đổi mới công nghệ 2026",
        "status": "published",
        "nominations_open_at": "2026-09-01T01:00:00+00:00",
        "nominations_close_at": "2026-10-31T16:59:00+00:00",
        "categories": [{"category_id": "doanh-nghiep", "name": "Doanh nghiệp đổi mới công nghệ"}],
    }
    return data | changes


def results_json() -> dict[str, Any]:
    return {
        "awards": [
            {
                "nomination_id": "nom_1",
                "category_id": "doanh-nghiep",
                "level": "award",
                "nominee": {"organization_id": "org_caphe_dakha", "name": "Cà phê Đắk Hà"},
                "citation": "Hai hợp đồng chuyển giao công nghệ lên men.",
            }
        ]
    }
