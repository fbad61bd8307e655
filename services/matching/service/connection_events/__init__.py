"""Use cases of connection events: load → domain rule → save state and events in one
transaction. Brokers run the event; organisations register, ask to meet and record outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from services.matching.scheduling import SolverOptions
from services.matching.service.connection_events.common import Ports
from services.matching.service.connection_events.events import ConnectionEvents
from services.matching.service.connection_events.outcomes import Outcomes
from services.matching.service.connection_events.registrations import Registrations
from services.matching.service.connection_events.requests import MeetingRequests
from services.matching.service.connection_events.schedule import Schedules
from services.matching.service.introductions import Introductions


@dataclass(frozen=True)
class ConnectionEventUseCases:
    events: ConnectionEvents
    registrations: Registrations
    requests: MeetingRequests
    schedule: Schedules
    outcomes: Outcomes

    @classmethod
    def of(
        cls,
        ports: Ports,
        introductions: Introductions,
        *,
        request_ttl: timedelta,
        proposal_ttl: timedelta,
        solver: SolverOptions,
    ) -> ConnectionEventUseCases:
        return cls(
            events=ConnectionEvents(ports),
            registrations=Registrations(ports),
            requests=MeetingRequests(ports, request_ttl),
            schedule=Schedules(ports, solver),
            outcomes=Outcomes(ports, introductions, proposal_ttl),
        )


__all__ = ["ConnectionEventUseCases", "Ports"]
