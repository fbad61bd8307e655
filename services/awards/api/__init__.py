"""HTTP API: parse → authorise → call a use case → respond."""

from services.awards.api.deps import AwardsServices
from services.awards.api.nominations import router as nominations
from services.awards.api.programmes import router as programmes
from services.awards.api.results import router as results
from services.awards.api.reviews import router as reviews

ROUTERS = (programmes, nominations, reviews, results)

__all__ = ["ROUTERS", "AwardsServices"]
