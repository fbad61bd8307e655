"""Problem details, request context, body limit, health and OpenAPI (shared/http/)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import ClassVar

import httpx
import pytest
import structlog
from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field

from shared.auth import PrincipalDep
from shared.http import (
    PROBLEM_MEDIA_TYPE,
    PROBLEM_RESPONSES,
    ProblemError,
    ReadinessCheck,
    create_http_app,
)
from shared.http.health import health_router
from shared.settings import ServiceSettings


class DemoSettings(ServiceSettings):
    service_name: ClassVar[str] = "demo"


class Offer(BaseModel):
    title: str = Field(max_length=200)
    trl: int = Field(ge=1, le=9)


class OfferBatch(BaseModel):
    offers: list[Offer]


def build_app(max_body_size: int = 1024) -> FastAPI:
    settings = DemoSettings(jwt_secret="unit-test-secret-0123456789abcdefgh", jwt_jwks_url=None)
    app = create_http_app(title="Demo", version="1", settings=settings, max_body_size=max_body_size)

    @app.post("/offers", status_code=201, responses=PROBLEM_RESPONSES)
    async def publish(batch: OfferBatch, principal: PrincipalDep) -> dict[str, int]:
        return {"published": len(batch.offers)}

    @app.post("/drafts")
    async def draft(batch: OfferBatch) -> dict[str, int]:
        if batch.offers[0].trl < 3:
            raise ProblemError.from_rule("offers.0.trl", "trl must be at least 3 to publish")
        return {"drafts": len(batch.offers)}

    @app.get("/offers/{offer_id}")
    async def show(offer_id: str) -> dict[str, str]:
        if offer_id == "boom":
            raise RuntimeError("mongodb://admin:hunter2@db internal detail")
        return {"offer_id": offer_id}

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://stx.test") as http:
        yield http


def offer(
    trl: int = 4, title: str = "Quy trình sấy khô cà phê bằng năng lượng mặt trời"
) -> dict[str, object]:
    return {"title": title, "trl": trl}


# --- problem details -------------------------------------------------------------------------


async def test_validation_error_is_problem_json_with_dotted_field_paths(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/drafts", json={"offers": [offer(), offer(trl=12)]})

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert problem["type"] == "urn:stx:problem:validation-failed"
    assert problem["errors"] == [
        {
            "field": "body.offers.1.trl",
            "message": "Input should be less than or equal to 9",
            "input": 12,
            "code": "less_than_equal",
            "limit": 9,
        }
    ]


async def test_validation_error_does_not_echo_a_huge_input(client: httpx.AsyncClient) -> None:
    huge = "Quảng Ngãi " * 60

    response = await client.post("/drafts", json={"offers": [offer(title=huge)]})

    error = response.json()["errors"][0]
    assert error["field"] == "body.offers.0.title"
    assert "input" not in error
    assert "Quảng Ngãi" not in response.text


async def test_broken_rule_is_reported_against_its_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/drafts", json={"offers": [offer(trl=2)]})

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "urn:stx:problem:rule-violated"
    assert problem["errors"] == [
        {"field": "offers.0.trl", "message": "trl must be at least 3 to publish"}
    ]


async def test_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["type"] == "about:blank"


async def test_unexpected_exception_is_500_problem_without_internals(
    client: httpx.AsyncClient,
) -> None:
    with structlog.testing.capture_logs() as logs:
        response = await client.get("/offers/boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert response.json()["correlation_id"] == response.headers["x-request-id"]
    [failure] = [entry for entry in logs if entry["event"] == "unhandled_exception"]
    assert isinstance(failure["exc_info"], RuntimeError)


# --- body limit ------------------------------------------------------------------------------


async def test_oversize_body_is_rejected_with_413_problem(client: httpx.AsyncClient) -> None:
    batch = {"offers": [offer() for _ in range(50)]}

    response = await client.post("/drafts", json=batch)

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert "1024 bytes" in response.json()["detail"]


async def test_oversize_streamed_body_without_length_is_rejected_with_413(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"offers": ['
        for _ in range(50):
            yield b'{"title": "Giong lua chiu man", "trl": 5},'
        yield b"]}"

    response = await client.post(
        "/drafts", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE


# --- request context -------------------------------------------------------------------------


async def test_sane_request_id_is_echoed_and_bound_to_the_log_line(
    client: httpx.AsyncClient,
) -> None:
    with structlog.testing.capture_logs(
        processors=[structlog.contextvars.merge_contextvars]
    ) as logs:
        response = await client.get("/offers/off-42", headers={"X-Request-ID": "req-2026.11:a_1"})

    assert response.headers["x-request-id"] == "req-2026.11:a_1"
    [line] = [entry for entry in logs if entry["event"] == "http_request"]
    assert line["correlation_id"] == "req-2026.11:a_1"
    assert line["http_method"] == "GET"
    assert line["path"] == "/offers/off-42"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0


@pytest.mark.parametrize("bad", ["has spaces", "x" * 129, "<script>", "ký-tự"])
async def test_unsafe_request_id_is_replaced_by_a_uuid(client: httpx.AsyncClient, bad: str) -> None:
    response = await client.get("/offers/off-42", headers=[(b"x-request-id", bad.encode())])

    echoed = response.headers["x-request-id"]
    assert echoed != bad
    assert uuid.UUID(echoed)


async def test_metrics_label_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/offers/off-unique-7781")

    metrics = (await client.get("/metrics")).text

    assert 'route="/offers/{offer_id}"' in metrics
    assert "off-unique-7781" not in metrics


# --- health ----------------------------------------------------------------------------------


async def ok() -> bool:
    return True


async def down() -> bool:
    return False


async def broken() -> bool:
    raise ConnectionError("mongodb unreachable")


async def hangs() -> bool:
    await asyncio.sleep(10)
    return True


async def probe(checks: dict[str, ReadinessCheck], path: str) -> httpx.Response:
    app = FastAPI()
    app.include_router(health_router(checks, timeout=0.05))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://stx.test") as http:
        return await http.get(path)


async def test_readiness_is_200_when_every_check_passes() -> None:
    response = await probe({"kafka": ok, "mongodb": ok}, "/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"kafka": "ok", "mongodb": "ok"}}


@pytest.mark.parametrize("failing", [down, broken, hangs])
async def test_readiness_is_503_naming_the_failed_check(failing: ReadinessCheck) -> None:
    response = await probe({"kafka": ok, "mongodb": failing}, "/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"kafka": "ok", "mongodb": "failed"}


async def test_liveness_ignores_failing_dependencies() -> None:
    response = await probe({"mongodb": down}, "/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_metrics_are_served_in_prometheus_format(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPE_LATEST
    assert "stx_http_requests_total" in response.text


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_documents_bearer_auth_and_problem_responses() -> None:
    schema = build_app().openapi()

    scheme = schema["components"]["securitySchemes"]["bearer"]
    assert scheme == scheme | {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    responses = schema["paths"]["/offers"]["post"]["responses"]
    for status in ("401", "403", "413", "422"):
        assert PROBLEM_MEDIA_TYPE in responses[status]["content"], status
    assert "HTTPValidationError" not in schema["components"]["schemas"]
