"""`stx seed`: the demo data, loaded through the listings API by `services.listings.seed`.

shared/ never imports a service (import-linter), so the seeder runs as its own process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

SEED_MODULE = "services.listings.seed"


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "seed",
        help="load the demo organisations and listings through the listings API",
        description="Runs `python -m services.listings.seed`: registers the demo organisations, "
        "then creates and publishes their offers and demands. Safe to run again.",
    )
    parser.add_argument(
        "--url", help="listings API base URL (default: http://127.0.0.1:$STX_LISTINGS_HTTP_PORT)"
    )
    parser.set_defaults(run=run, sync=True, settings=False)


def seed_command(url: str | None) -> list[str]:
    return [sys.executable, "-m", SEED_MODULE, *(["--url", url] if url else [])]


def run(args: argparse.Namespace, _settings: object = None) -> int:
    return subprocess.call(seed_command(args.url))  # noqa: S603 - our interpreter, our module
