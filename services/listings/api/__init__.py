"""The HTTP API (thin: parse → authorise → call a use case → respond)."""

from services.listings.api.listings import router as listings_router
from services.listings.api.moderation import router as moderation_router
from services.listings.api.organizations import router as organizations_router

ROUTERS = (organizations_router, listings_router, moderation_router)
