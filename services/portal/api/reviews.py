"""A reviewer's pages: the nominations to score (`/tham-dinh`), one file with its scoring form
(`/tham-dinh/ho-so/{id}`), and declaring a conflict of interest."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.portal.api.rendering import page
from services.portal.api.session import posted_form, signed_in
from services.portal.domain.reviews import SCORES, ReviewFile
from services.portal.service.reviews import Reviews
from shared.errors import NotFoundError

router = APIRouter(include_in_schema=False)
HOME = "/tham-dinh"
NOMINATION_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def _use_case(request: Request) -> Reviews:
    use_case: Reviews = request.app.state.use_cases.reviews
    return use_case


def _checked(nomination_id: str) -> str:
    if not NOMINATION_ID.match(nomination_id):
        raise NotFoundError("Không tìm thấy hồ sơ này.")
    return nomination_id


def _file_page(
    request: Request, file: ReviewFile, status: int = 200, **context: object
) -> Response:
    return page(request, "review_file.html", status, file=file, marks=SCORES, **context)


@router.get(HOME)
async def queue(request: Request) -> Response:
    visitor = signed_in(request)
    programmes = await _use_case(request).queue(visitor)
    done = request.query_params.get("xong")
    return page(request, "review_queue.html", programmes=programmes, done=done)


@router.get(HOME + "/ho-so/{nomination_id}")
async def review_file(request: Request, nomination_id: str) -> Response:
    visitor = signed_in(request)
    file = await _use_case(request).file(visitor, _checked(nomination_id))
    return _file_page(request, file, saved=request.query_params.get("da-luu") == "1")


@router.post(HOME + "/ho-so/{nomination_id}/cham-diem")
async def score(request: Request, nomination_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    refused = await _use_case(request).score(visitor, _checked(nomination_id), form)
    if refused is not None:
        return _file_page(request, refused, 422)
    return RedirectResponse(f"{HOME}/ho-so/{nomination_id}?da-luu=1", status_code=303)


@router.post(HOME + "/ho-so/{nomination_id}/xung-dot")
async def declare_conflict(request: Request, nomination_id: str) -> Response:
    visitor = signed_in(request)
    form = await posted_form(request)
    reason = form.get("reason", "").strip()
    problem = await _use_case(request).declare_conflict(visitor, _checked(nomination_id), reason)
    if problem is not None:
        file = await _use_case(request).file(visitor, nomination_id)
        return _file_page(request, file, 422, conflict_problem=problem)
    return RedirectResponse(f"{HOME}?xong=xung-dot", status_code=303)
