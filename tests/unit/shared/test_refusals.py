"""Every service's refusals speak one vocabulary and become the same problem+json."""

from __future__ import annotations

import pytest

from services.awards.domain.errors import StateConflictError
from services.listings.domain.errors import InvalidInputError, Violation
from services.listings.service.errors import NotFoundError
from services.matching.domain.errors import NotAllowedError
from shared import errors
from shared.errors import RefusedError
from shared.http.problems import problem_of_refusal


@pytest.mark.parametrize(
    ("refusal", "kind", "status", "code"),
    [
        (NotFoundError("listing", "lst_x"), errors.NotFoundError, 404, "not-found"),
        (NotAllowedError("principal", "not a party"), errors.ForbiddenError, 403, "not-a-party"),
        (StateConflictError("window-closed", "closed"), errors.ConflictError, 409, "window-closed"),
    ],
)
def test_each_services_refusal_is_one_of_the_shared_kinds(
    refusal: RefusedError, kind: type[RefusedError], status: int, code: str
) -> None:
    problem = problem_of_refusal(refusal).to_problem()

    assert isinstance(refusal, kind)
    assert (problem.status, problem.type) == (status, f"urn:stx:problem:{code}")


def test_a_refusal_names_every_field_at_fault() -> None:
    refusal = InvalidInputError([Violation("trl", "1–9"), Violation("title", "too short")])

    problem = problem_of_refusal(refusal).to_problem()

    assert problem.status == 422
    assert [e.field for e in problem.errors or []] == ["body.trl", "body.title"]
