"""HTTP API of the matching service: parse → authorise → call a use case → respond."""

from services.matching.api.connection_events import connection_events_router
from services.matching.api.declared_contracts import declared_contracts_router
from services.matching.api.indicators import full_indicators_router, indicators_router
from services.matching.api.introductions import introductions_router
from services.matching.api.matches import matches_router

__all__ = [
    "connection_events_router",
    "declared_contracts_router",
    "full_indicators_router",
    "indicators_router",
    "introductions_router",
    "matches_router",
]
