"""Use cases of connection events: load → domain rule → save state and events in one
transaction. Brokers run the event; organisations register, ask to meet and record outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from services.matching.scheduling import SolverOptions
from services.matching.service.connection_events.common import Ports
from services.matching.service.connection_events.events import ConnectionEventDesk
from services.matching.service.connection_events.outcomes import OutcomeDesk
from services.matching.service.connection_events.registrations import RegistrationDesk
from services.matching.service.connection_events.requests import MeetingRequestDesk
from services.matching.service.connection_events.schedule import ScheduleDesk
from services.matching.service.introductions import IntroductionDesk


@dataclass(frozen=True)
class ConnectionEventDesks:
    events: ConnectionEventDesk
    registrations: RegistrationDesk
    requests: MeetingRequestDesk
    schedule: ScheduleDesk
    outcomes: OutcomeDesk

    @classmethod
    def of(
        cls,
        ports: Ports,
        introductions: IntroductionDesk,
        *,
        request_ttl: timedelta,
        proposal_ttl: timedelta,
        solver: SolverOptions,
    ) -> ConnectionEventDesks:
        return cls(
            events=ConnectionEventDesk(ports),
            registrations=RegistrationDesk(ports),
            requests=MeetingRequestDesk(ports, request_ttl),
            schedule=ScheduleDesk(ports, solver),
            outcomes=OutcomeDesk(ports, introductions, proposal_ttl),
        )


__all__ = ["ConnectionEventDesks", "Ports"]
