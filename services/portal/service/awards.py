"""The public award pages: the programmes, one programme with its results once published."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.domain.awards import LaureateView, ProgrammeView, laureates, programme_view
from services.portal.service.ports import AwardsDirectory


@dataclass(frozen=True)
class ProgrammePage:
    programme: ProgrammeView
    laureates: list[LaureateView]
    """Empty until the results are published."""


class PublicAwards:
    def __init__(self, awards: AwardsDirectory) -> None:
        self._awards = awards

    async def programmes(self) -> list[ProgrammeView]:
        views = [programme_view(raw) for raw in await self._awards.programmes()]
        return sorted(views, key=lambda v: v.year, reverse=True)

    async def programme(self, programme_id: str) -> ProgrammePage:
        raw = await self._awards.programme(programme_id)
        honoured = laureates(await self._awards.results(programme_id), raw)
        return ProgrammePage(programme=programme_view(raw), laureates=honoured)

    async def certificate(self, nomination_id: str) -> bytes:
        return await self._awards.certificate(nomination_id)
