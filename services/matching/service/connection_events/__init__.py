"""Use cases of connection events: load → domain rule → save state and events in one
transaction. Brokers run the event; organisations register, ask to meet and record outcomes."""

from services.matching.service.connection_events.common import Ports
from services.matching.service.connection_events.events import ConnectionEventDesk
from services.matching.service.connection_events.outcomes import OutcomeDesk
from services.matching.service.connection_events.registrations import RegistrationDesk
from services.matching.service.connection_events.requests import MeetingRequestDesk
from services.matching.service.connection_events.schedule import ScheduleDesk

__all__ = [
    "ConnectionEventDesk",
    "MeetingRequestDesk",
    "OutcomeDesk",
    "Ports",
    "RegistrationDesk",
    "ScheduleDesk",
]
