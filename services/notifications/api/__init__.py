"""HTTP API: parse → authorise → call one use case → respond."""

from services.notifications.api.deliveries import router as deliveries_router
from services.notifications.api.feeds import router as feeds_router
from services.notifications.api.links import router as links_router
from services.notifications.api.press import router as press_router
from services.notifications.api.subscriptions import router as subscriptions_router

ROUTERS = (links_router, subscriptions_router, deliveries_router, feeds_router, press_router)

__all__ = ["ROUTERS"]
