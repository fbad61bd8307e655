"""The `stx` command: parse, load settings, run one command, exit with its status."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence

from aiokafka.errors import KafkaError
from pydantic import ValidationError
from pymongo.errors import PyMongoError
from rich.markup import escape

from shared.cli import dlq, lag, outbox, proposals, seed, token, topics
from shared.cli.output import stderr
from shared.cli.settings import OpsSettings, add_connection_options, settings_from

DESCRIPTION = """Ops tools for STX: topics, consumer lag, dead letters, outbox backlog, how
proposals fared, tokens, demo data. Readable tables by default, `--json` for scripts. Connection
settings come from the same environment as the services' (STX_KAFKA_BOOTSTRAP_SERVERS,
STX_KAFKA_SASL_*, STX_MONGODB_URL, …)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stx", description=DESCRIPTION)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of tables")
    add_connection_options(common)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (topics, lag, dlq, outbox, proposals):
        module.register(commands, [common])
    token_options = argparse.ArgumentParser(add_help=False)
    token_options.add_argument("--json", action="store_true", help="token and claims as JSON")
    token.register(commands, [token_options])
    seed.register(commands, [])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command_parser: argparse.ArgumentParser = getattr(args, "parser", parser)
    try:
        if hasattr(args, "prepare"):
            args.prepare(args)
        settings = settings_from(args) if getattr(args, "settings", True) else None
    except ValidationError as exc:
        stderr().print(f"[red]invalid settings:[/] {escape(str(exc))}")
        return 2
    except ValueError as exc:
        command_parser.error(str(exc))
    return _run(args, settings)


def _run(args: argparse.Namespace, settings: OpsSettings | None) -> int:
    try:
        result = args.run(args, settings)
        return int(asyncio.run(result) if asyncio.iscoroutine(result) else result)
    except ValueError as exc:  # refused by a rule, e.g. an org token without --org
        stderr().print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    except (KafkaError, PyMongoError, OSError) as exc:
        stderr().print(f"[red]error:[/] {type(exc).__name__}: {escape(str(exc))}")
        return 1
