"""`ce_type` → the pydantic model of its payload."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from shared.events.base import Event

_BY_TYPE: dict[str, type[Event]] = {}
_E = TypeVar("_E", bound=type[Event])


def register(model: _E) -> _E:
    """Class decorator: make an event model known to producers, consumers and the docs."""
    existing = _BY_TYPE.get(model.ce_type)
    if existing is not None and existing is not model:
        raise ValueError(f"{model.ce_type} is already registered by {existing.__qualname__}")
    _BY_TYPE[model.ce_type] = model
    return model


def model_for(ce_type: str) -> type[Event] | None:
    return _BY_TYPE.get(ce_type)


def all_models() -> Iterator[type[Event]]:
    yield from sorted(_BY_TYPE.values(), key=lambda m: (m.topic, m.ce_type))
