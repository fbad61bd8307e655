"""Decisions (admins), the announcement, public results and certificates."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.awards.api.deps import ERRORS, Admin, Services
from services.awards.api.models import DecisionCreate, ResultsAnnouncement, ResultsRead
from services.awards.domain.decisions import Decision
from services.awards.domain.programme import Programme

router = APIRouter(tags=["results"], responses=ERRORS)


@router.put("/nominations/{nomination_id}/decision")
async def decide(
    nomination_id: str, body: DecisionCreate, awards: Services, admin: Admin
) -> Decision:
    """Award, merit or not awarded, within the category's quotas; public only once announced."""
    return await awards.results.decide(
        nomination_id, body.outcome, body.justification, body.citation, admin
    )


@router.post("/programmes/{programme_id}/results")
async def announce_results(
    programme_id: str, body: ResultsAnnouncement, awards: Services, _: Admin
) -> Programme:
    """Publish the results now, or at `announce_at`."""
    return await awards.results.announce(programme_id, body.announce_at)


@router.get("/programmes/{programme_id}/results")
async def results(programme_id: str, awards: Services) -> ResultsRead:
    """Empty until the results are published."""
    programme = await awards.programmes.announced_one(programme_id, None)
    return ResultsRead.of(programme, await awards.results.honoured(programme_id))


@router.get(
    "/nominations/{nomination_id}/certificate.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def certificate(nomination_id: str, awards: Services) -> Response:
    pdf = await awards.results.certificate(nomination_id)
    headers = {"Content-Disposition": f'inline; filename="{nomination_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
