"""FastAPI building blocks every service uses (DESIGN.md §5.4, §6, §7).

- `problems`: RFC 9457 problem details (`application/problem+json`) for every error response;
- `middleware`: a correlation id, one `http_request` log line and metrics per request, a
  last-resort 500, the body-size limit;
- `health`: `/healthz`, `/readyz`, `/metrics`;
- `openapi`: problem+json documented on every operation;
- `app`: `create_http_app`, which wires all of it (plus bearer auth).
"""

from shared.http.app import create_http_app
from shared.http.health import READINESS_TIMEOUT_SECONDS, ReadinessCheck
from shared.http.middleware import DEFAULT_MAX_BODY_SIZE
from shared.http.problems import (
    PROBLEM_MEDIA_TYPE,
    PROBLEM_RESPONSES,
    FieldError,
    Problem,
    ProblemError,
    problem_response,
)

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "PROBLEM_MEDIA_TYPE",
    "PROBLEM_RESPONSES",
    "READINESS_TIMEOUT_SECONDS",
    "FieldError",
    "Problem",
    "ProblemError",
    "ReadinessCheck",
    "create_http_app",
    "problem_response",
]
