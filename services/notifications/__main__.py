"""`python -m services.notifications`: serve the API, consume events, deliver notifications."""

from services.notifications.app import create_app
from services.notifications.settings import NotificationsSettings
from shared.runtime import serve

if __name__ == "__main__":
    settings = NotificationsSettings()
    serve(create_app(settings), settings)
