"""Pure scheduling core of connection events (techmart / B2B matchmaking sessions).

`solve` builds the schedule (LP relaxation with GLOP as warm start and bound, then CP-SAT);
`greedy_schedule` is the baseline it never falls below; `participant_calendar` (in `.ical`,
which needs `icalendar`) turns a participant's meetings into an .ics file.
No I/O here: the matching service loads the registrations, calls `solve`, stores and
publishes the result.
"""

from .bounds import combinatorial_upper_bound
from .greedy import greedy_schedule
from .problem import Problem
from .sat import SolverOptions
from .schedule import Meeting, Schedule, SolveStats, SolveStatus, swapped
from .solver import solve
from .values import CandidatePair, Participant, Pin, Role

__all__ = [
    "CandidatePair",
    "Meeting",
    "Participant",
    "Pin",
    "Problem",
    "Role",
    "Schedule",
    "SolveStats",
    "SolveStatus",
    "SolverOptions",
    "combinatorial_upper_bound",
    "greedy_schedule",
    "solve",
    "swapped",
]
