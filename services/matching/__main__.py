"""`python -m services.matching`: the matching service (HTTP API, consumers, periodic jobs)."""

import os

# numpy reads it when it loads: the engine's vector work stays on one thread per replica.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from services.matching.app import create_app
from services.matching.settings import MatchingSettings
from shared.runtime import serve


def main() -> None:
    settings = MatchingSettings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    main()
