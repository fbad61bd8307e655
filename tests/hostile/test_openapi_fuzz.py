"""schemathesis against every service's OpenAPI document (issue 9), in-process on the real
broker and store.

For each service, every operation of its `/openapi.json` gets stateless property-based
requests — data that fits the schema (positive) and data that does not (negative) — once
without a valid token (schemathesis may still send generated `Authorization` headers: bad
tokens must be a 401, not a crash) and once with a token holding every role (`org`,
`broker`, `reviewer`, `admin`) so that role checks let the requests through to validation,
the use cases and MongoDB.

Checks that fail the test, on every response: no 5xx (`not_a_server_error`); the body
conforms to the schema documented for its status (`response_schema_conformance`); the content
type is the documented one (`content_type_conformance`). Checks that are printed, not failed
(documentation drift, listed for the lead): undocumented status codes
(`status_code_conformance`) and negative data that was accepted (`negative_data_rejection`;
FastAPI documents an optional bearer token, `HTTPBearer(auto_error=False)`, as a required
security requirement, so an anonymous public read counts as "schema-violating" there).
Operations for which no schema-violating request exists (only free-form string parameters)
are fuzzed with positive data only.

Bounded: `MAX_EXAMPLES` per operation, authorisation and generation mode, derandomised (the
same cases every run), no example database; a failing case is reported as found (the checks
run inside the property, so every operation is fuzzed to the end instead of stopping at the
first failure to shrink it). The app runs with its lifespan on schemathesis's own ASGI event
loop (its `ASGIClient` starts it once per app); `shutdown_lifespans()` stops it after.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from shared.auth import Role, mint_token
from tests.hostile.apps import (
    SERVICES,
    SPEC_BY_NAME,
    ServiceSpec,
    build_app,
    running,
    settings_for,
    skip_history,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

MAX_EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 10}
"""Per operation, authorisation mode and generation mode (the suite stays under 5 minutes)."""
FAILING = (not_a_server_error, response_schema_conformance, content_type_conformance)
REPORTED = (status_code_conformance, negative_data_rejection)
ALL_ROLES = (Role.org, Role.broker, Role.reviewer, Role.admin)
HYPOTHESIS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)


def fuzz(
    operation: Any, mode: GenerationMode, headers: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Failures of the failing and of the reported checks, by check name (first case each)."""
    failing: dict[str, str] = {}
    reported: dict[str, str] = {}

    def record(into: dict[str, str], check: Callable[..., Any], exc: BaseException) -> None:
        into.setdefault(check.__name__, str(exc).strip()[:1500])

    @settings(HYPOTHESIS, max_examples=MAX_EXAMPLES[mode])
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        for check in (*FAILING, *REPORTED):
            try:
                case.validate_response(response, checks=[check], headers=headers)
            except (AssertionError, BaseExceptionGroup) as exc:
                record(failing if check in FAILING else reported, check, exc)

    try:
        run()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
    return failing, reported


@pytest.mark.parametrize("authorised", [False, True], ids=["unauthorised", "authorised"])
@pytest.mark.parametrize("spec", SERVICES, ids=lambda s: s.name)
def test_no_server_error_and_responses_conform_to_the_openapi_document(
    stack: Any, spec: ServiceSpec, authorised: bool
) -> None:
    configured = settings_for(spec, stack)
    app, runtime = build_app(spec, configured)
    group, topics = configured.consumer_group, runtime.consumer.topics
    asyncio.run(skip_history(stack.bootstrap_servers, group, topics))
    headers: dict[str, str] = {}
    if authorised:
        secret = configured.jwt_secret.get_secret_value()
        token = mint_token(secret, "fuzzer", ALL_ROLES, org_id="org_fuzzer")
        headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    drift: list[str] = []
    timings: list[tuple[float, str]] = []
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        for result in schema.get_all_operations():
            if not isinstance(result, Ok):
                failures.append(f"operation the fuzzer cannot read: {result.err()}")
                continue
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                started = time.monotonic()
                failing, reported = fuzz(operation, mode, headers)
                timings.append(
                    (
                        time.monotonic() - started,
                        f"{operation.method.upper()} {operation.path} [{mode.value}]",
                    )
                )
                where = f"{operation.method.upper()} {operation.path} [{mode.value}]"
                failures += [f"{where} {name}:\n{text}" for name, text in failing.items()]
                drift += [f"{where} {name}: {summary(text)}" for name, text in reported.items()]
    finally:
        asgi.shutdown_lifespans()
    slowest = ", ".join(f"{name} {seconds:.1f} s" for seconds, name in sorted(timings)[-4:])
    print(f"\n{spec.name}: slowest operations: {slowest}")
    if drift:
        print(f"\n{spec.name}: documentation drift:\n  " + "\n  ".join(drift))
    assert not failures, f"{spec.name}: {len(failures)} failing operation(s):\n\n" + "\n\n".join(
        failures
    )


def summary(failure: str) -> str:
    """The lines of a schemathesis failure that say what differed."""
    wanted = ("Received", "Documented", "Invalid component", "Expected")
    return "; ".join(
        line.strip() for line in failure.splitlines() if line.strip().startswith(wanted)
    )


@pytest.mark.parametrize("path", ["/subscriptions", "/deliveries"])
async def test_an_offset_beyond_int64_is_refused_not_a_server_error(stack: Any, path: str) -> None:
    """Found by the fuzzer: `offset` has no upper bound and reaches MongoDB's `skip` (int64)."""
    async with running(SPEC_BY_NAME["notifications"], stack) as service:
        staff = service.bearer("broker-hostile", Role.broker)
        for offset in (2**63, 10**22):
            response = await service.http.get(path, params={"offset": offset}, headers=staff)
            assert 400 <= response.status_code < 500, f"offset={offset}: {response.status_code}"
