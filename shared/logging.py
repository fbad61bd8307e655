"""structlog JSON to stdout, one event per line (DESIGN.md §6).

Every line carries `timestamp` (UTC ISO), `level`, `service`, `event` and the
`correlation_id` bound in contextvars. Library loggers (uvicorn, aiokafka, faststream) go
through the same renderer so ops read one format.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import structlog
from structlog.types import EventDict, Processor


def configure_logging(service: str, level: str = "INFO", fmt: str = "json") -> None:
    """Configure structlog and the standard library once, at start-up."""

    def add_service(_: Any, __: str, event_dict: EventDict) -> EventDict:
        event_dict.setdefault("service", service)
        return event_dict

    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        add_service,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
        structlog.processors.StackInfoRenderer(),
    ]
    renderer: Processor
    if fmt == "console":
        renderer = structlog.dev.ConsoleRenderer()
    else:
        shared.append(structlog.processors.format_exc_info)
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        # Not cached: tests (and `stx` tools) may reconfigure logging after a logger was used.
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # fontTools logs some forty INFO lines each time fpdf2 subsets a font into a PDF
    for noisy in ("aiokafka", "pymongo", "faststream", "fontTools", "matplotlib"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    # uvicorn's access log is replaced by our request log line (with correlation id).
    logging.getLogger("uvicorn.access").disabled = True


def new_correlation_id() -> str:
    return str(uuid.uuid4())


def current_correlation_id() -> str | None:
    value = structlog.contextvars.get_contextvars().get("correlation_id")
    return str(value) if value is not None else None


@contextmanager
def bound(**fields: Any) -> Iterator[None]:
    """Bind fields (e.g. `correlation_id`, `event_id`) for the lines logged inside the block."""
    with structlog.contextvars.bound_contextvars(**fields):
        yield


def get_logger(name: str | None = None) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger
