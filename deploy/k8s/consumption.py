"""What each service consumes, read off its own handlers: the ACLs and KEDA triggers follow
every subscription the moment it is written, and never grant a topic no handler reads."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from shared.consuming import EventConsumer


class _UseCaseStandIn:
    """Stands in for the use cases `register_handlers` receives: registering handlers only
    refers to them, it never calls them."""

    def __getattr__(self, name: str) -> Any:
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self


def consumed_topics(service: str) -> tuple[str, ...]:
    """The topics `services/<service>/handlers.py` subscribes to, sorted."""
    handlers = importlib.import_module(f"services.{service}.handlers")
    register = handlers.register_handlers
    consumer = EventConsumer(service, None, None, None)  # type: ignore[arg-type]
    use_cases = [_UseCaseStandIn() for _ in list(inspect.signature(register).parameters)[1:]]
    register(consumer, *use_cases)
    return tuple(consumer.topics)
