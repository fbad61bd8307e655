"""The importer's command line: parse with a progress bar, then one transaction.
See `services/listings/importer.py` for the columns."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from services.listings.importer import Catalogue, CatalogueFormat, CatalogueTooLargeError, parse
from services.listings.settings import ListingsSettings
from services.listings.wiring import build_use_cases
from shared.clock import local_day, utc_now
from shared.events.envelope import source_of
from shared.mongo import create_client, database
from shared.outbox import Outbox

console = Console(stderr=True)


async def run(path: Path, fmt: CatalogueFormat, organization_id: str) -> int:
    settings = ListingsSettings()
    try:
        catalogue = _parse(path, fmt, settings.import_max_rows)
    except CatalogueTooLargeError as exc:
        console.print(f"[red]{exc}[/red]")
        return 1
    if catalogue.errors:
        for error in catalogue.errors:
            console.print(f"[red]{error}[/red]")
        console.print(f"{len(catalogue.errors)} bad row(s): nothing was imported.")
        return 1
    client = create_client(settings)
    try:
        db = database(client, settings)
        outbox = Outbox(client, db, source_of(settings.deployment, settings.service_name))
        imports = build_use_cases(outbox, db, settings).imports
        with Progress(console=console) as progress:
            task = progress.add_task("importing", total=len(catalogue.rows))
            created = await imports.import_catalogue(
                organization_id, catalogue.rows, lambda n: progress.advance(task, n)
            )
    finally:
        await client.close()
    console.print(f"{len(created)} listing(s) imported and submitted for moderation.")
    return 0


def _parse(path: Path, fmt: CatalogueFormat, max_rows: int) -> Catalogue:
    with console.status(f"checking {path.name}"):
        text = path.read_text(encoding="utf-8-sig")  # spreadsheets often write a BOM
        return parse(text, fmt, local_day(utc_now()), max_rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m services.listings.importer", description=__doc__
    )
    parser.add_argument("file", type=Path, help="catalogue, .csv or .jsonl")
    parser.add_argument("--org", required=True, help="id of the owning (verified) organisation")
    parser.add_argument("--format", choices=[f.value for f in CatalogueFormat])
    args = parser.parse_args(argv)
    fmt = CatalogueFormat(args.format) if args.format else CatalogueFormat.of(args.file.name)
    return asyncio.run(run(args.file, fmt, args.org))


if __name__ == "__main__":
    raise SystemExit(main())
