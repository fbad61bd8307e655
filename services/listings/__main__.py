"""`python -m services.listings`: the listings service over HTTP and Kafka."""

from services.listings.app import create_app
from services.listings.settings import ListingsSettings
from shared.runtime import serve

if __name__ == "__main__":
    settings = ListingsSettings()
    serve(create_app(settings), settings)
