"""`python -m services.portal`: run the exchange's web pages."""

from services.portal.app import create_app
from services.portal.settings import PortalSettings
from shared.runtime import serve

if __name__ == "__main__":
    settings = PortalSettings()
    serve(create_app(settings), settings)
