"""`stx dlq list|show|replay`: the dead-letter topics `stx.dlq.<service>`."""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from typing import Any, Final

from shared.cli.dlq import listing, replay
from shared.cli.dlq.records import Selection, parse_coordinate, parse_offsets, parse_since
from shared.topics import SERVICES

_SERVICE: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REPLAY_HELP: Final = """\
Re-publish the original record of each selected dead letter to its original topic
(x-original-topic): the same key, value and headers (base64-kept ones decoded), plus
`x-stx-replayed-from: stx.dlq.<service>/<partition>/<offset>`, with an idempotent producer
(acks=all).

Replaying is idempotent: once the broker acknowledged a record, it is recorded in the commits of
the consumer group `<prefix>.ops.dlq-replay.<service>`, so a second replay sends nothing again,
and records a filter passed over stay replayable later. Consumers de-duplicate on ce_id anyway."""
REPLAY_EXAMPLES: Final = """\
examples:
  stx dlq replay matching --error-class KeyError --since 1d --dry-run
  stx dlq replay matching --error-class KeyError --since 1d
  stx dlq replay listings --offset 0:1200-1250"""


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("dlq", help="dead letters: list, show, replay")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    _list_parser(actions, parents)
    _show_parser(actions, parents)
    _replay_parser(actions, parents)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--error-class", action="append", metavar="C", help="e.g. ValidationError (repeatable)"
    )
    parser.add_argument(
        "--since", metavar="WHEN", help="failed since: 30m, 2h, 1d, 1w ago or an ISO 8601 time"
    )


def _list_parser(actions: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = actions.add_parser(
        "list",
        parents=parents,
        help="counts by error class and the newest dead letters",
        description="Dead letters of every service (or --service), counted by error class, "
        "with the newest records and whether each was replayed.",
    )
    parser.add_argument("--service", action="append", metavar="S", help="repeatable")
    _filters(parser)
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="rows (0: all)")
    parser.set_defaults(run=listing.run_list, prepare=_prepare_list, parser=parser)


def _show_parser(actions: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = actions.add_parser(
        "show",
        parents=parents,
        help="one dead letter (or the newest matching ones) in full",
        description="Headers decoded (the original ones as replay would send them), the value "
        "pretty-printed as JSON when it parses, else escaped and in hex.",
        usage="%(prog)s [-h] SERVICE [PARTITION:OFFSET] [--error-class C] [--since WHEN] …",
    )
    parser.add_argument("target", nargs="*", help="SERVICE and PARTITION:OFFSET")
    parser.add_argument("--service", metavar="S", help="instead of the positional SERVICE")
    _filters(parser)
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="records (0: all)")
    parser.set_defaults(run=listing.run_show, prepare=_prepare_show, parser=parser)


def _replay_parser(actions: Any, parents: list[argparse.ArgumentParser]) -> None:
    parser = actions.add_parser(
        "replay",
        parents=parents,
        help="re-publish original records to their topics, once",
        description=REPLAY_HELP,
        epilog=REPLAY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("target", nargs="?", metavar="SERVICE")
    parser.add_argument("--service", metavar="S", help="instead of the positional SERVICE")
    _filters(parser)
    parser.add_argument(
        "--offset",
        action="append",
        metavar="[P:]O[-O]",
        help="only these records: 42 (partition 0), 0:42, 0:40-49 (repeatable)",
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would be replayed")
    parser.set_defaults(run=replay.run, prepare=_prepare_replay, parser=parser)


def _selection(args: argparse.Namespace) -> Selection:
    return Selection(
        error_classes=frozenset(args.error_class or ()),
        since=parse_since(args.since) if args.since else None,
        offsets=tuple(parse_offsets(o) for o in getattr(args, "offset", None) or ()),
    )


def _prepare_list(args: argparse.Namespace) -> None:
    args.services = [_service(s) for s in args.service or SERVICES]
    args.selection = _selection(args)


def _prepare_show(args: argparse.Namespace) -> None:
    targets = list(args.target)
    service = args.service or (targets.pop(0) if targets else None)
    if service is None:
        raise ValueError("name the service: stx dlq show SERVICE [PARTITION:OFFSET]")
    if len(targets) > 1:
        raise ValueError(f"unexpected arguments: {' '.join(targets[1:])}")
    args.services = [_service(service)]
    args.coordinate = parse_coordinate(targets[0]) if targets else None
    selection = _selection(args)
    if targets:
        selection = replace(selection, offsets=(parse_offsets(targets[0]),))
        args.limit = 1
    args.selection = selection


def _prepare_replay(args: argparse.Namespace) -> None:
    service = args.service or args.target
    if service is None or (args.service and args.target and args.service != args.target):
        raise ValueError("name one service: stx dlq replay SERVICE (or --service SERVICE)")
    args.services = [_service(service)]
    args.selection = _selection(args)


def _service(name: str) -> str:
    if not _SERVICE.match(name):
        raise ValueError(f"{name!r} is not a service name (known: {', '.join(SERVICES)})")
    return name
