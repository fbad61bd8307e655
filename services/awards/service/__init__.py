"""Use cases: load → call the domain → save state and its events in one transaction."""

from services.awards.service.calendar import Calendar
from services.awards.service.evidence import Evidence
from services.awards.service.nominations import Nominations
from services.awards.service.programmes import Programmes
from services.awards.service.results import Results
from services.awards.service.reviews import Reviews

__all__ = [
    "Calendar",
    "Evidence",
    "Nominations",
    "Programmes",
    "Results",
    "Reviews",
]
