"""`python -m services.awards`: run the awards service."""

from services.awards.app import create_app
from services.awards.settings import AwardsSettings
from shared.runtime import serve

if __name__ == "__main__":
    settings = AwardsSettings()
    serve(create_app(settings), settings)
