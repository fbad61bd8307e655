"""How `stx` reads its command line (the runbook's spellings included), and the offline commands."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence

import jwt
import pytest

from shared.cli import main
from shared.cli.app import build_parser
from shared.cli.dlq.records import OffsetRange
from shared.cli.lag import default_groups
from shared.cli.seed import SEED_MODULE
from shared.cli.settings import OpsSettings, settings_from
from shared.settings import DEV_JWT_SECRET
from shared.topics import SERVICES


def parse(argv: Sequence[str]) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    if hasattr(args, "prepare"):
        args.prepare(args)
    return args


def test_dlq_list_reads_every_service_by_default() -> None:
    args = parse(["dlq", "list"])

    assert args.services == list(SERVICES)
    assert args.limit == 50
    assert args.selection.error_classes == frozenset()
    assert not args.json


def test_dlq_list_filters_combine() -> None:
    args = parse(
        ["dlq", "list", "--service", "matching", "--error-class", "KeyError", "--since", "2h"]
    )

    assert args.services == ["matching"]
    assert args.selection.error_classes == {"KeyError"}
    assert args.selection.since is not None


def test_dlq_show_takes_service_and_coordinate() -> None:
    args = parse(["dlq", "show", "listings", "0:17", "--json"])

    assert args.services == ["listings"]
    assert args.coordinate == (0, 17)
    assert args.selection.offsets == (OffsetRange(0, 17, 17),)
    assert args.json


def test_dlq_show_accepts_the_runbook_spelling_with_filters() -> None:
    args = parse(["dlq", "show", "--service", "matching", "--error-class", "X", "--since", "2h"])

    assert args.services == ["matching"]
    assert args.coordinate is None
    assert args.limit == 10


def test_dlq_replay_takes_the_service_positionally_or_as_an_option() -> None:
    positional = parse(["dlq", "replay", "matching", "--offset", "0:3-5", "--dry-run"])
    option = parse(["dlq", "replay", "--service", "matching", "--error-class", "KeyError"])

    assert positional.services == option.services == ["matching"]
    assert positional.selection.offsets == (OffsetRange(0, 3, 5),)
    assert positional.dry_run
    assert not option.dry_run


@pytest.mark.parametrize(
    "argv",
    [
        ["dlq", "replay"],
        ["dlq", "replay", "listings", "--service", "matching"],
        ["dlq", "replay", "Bad Name"],
        ["dlq", "replay", "listings", "--offset", "x"],
        ["dlq", "list", "--since", "last tuesday"],
        ["dlq", "show"],
    ],
)
def test_wrong_arguments_are_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_lag_defaults_to_the_four_service_groups() -> None:
    settings = OpsSettings(kafka_group_prefix="stx")

    assert default_groups(settings) == [
        "stx.listings",
        "stx.matching",
        "stx.notifications",
        "stx.awards",
    ]
    assert parse(["lag", "--group", "a", "--group", "b"]).group == ["a", "b"]


def test_connection_options_override_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STX_KAFKA_BOOTSTRAP_SERVERS", "kafka-env:9092")
    monkeypatch.setenv("STX_MONGODB_URL", "mongodb://env:27017")

    from_env = settings_from(parse(["topics"]))
    from_flags = settings_from(
        parse(["topics", "--bootstrap", "k1:9092,k2:9092", "--mongodb-url", "mongodb://flag"])
    )

    assert from_env.kafka_bootstrap_servers == "kafka-env:9092"
    assert from_env.mongodb_url.get_secret_value() == "mongodb://env:27017"
    assert from_flags.kafka_bootstrap_servers == "k1:9092,k2:9092"
    assert from_flags.mongodb_url.get_secret_value() == "mongodb://flag"


SECRET = "test-secret-for-stx-token-0123456789abcdef"


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("STX_JWT_SECRET", SECRET)
    for name in ("STX_ENVIRONMENT", "STX_JWT_AUDIENCE", "STX_JWT_ISSUER"):
        monkeypatch.delenv(name, raising=False)
    return SECRET


def test_token_is_signed_with_the_settings_secret(
    secret: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["token", "--sub", "org-admin", "--role", "org", "--org", "ORG-KT-001"]) == 0

    token = capsys.readouterr().out.strip()
    claims = jwt.decode(token, secret, algorithms=["HS256"], audience="stx")
    assert claims["sub"] == "org-admin"
    assert claims["roles"] == ["org"]
    assert claims["org_id"] == "ORG-KT-001"


def test_token_json_carries_the_claims(secret: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["token", "--sub", "broker-01", "--role", "broker", "--role", "admin", "--json"]
    assert main([*argv, "--ttl-hours", "1"]) == 0

    minted = json.loads(capsys.readouterr().out)
    assert minted["roles"] == ["admin", "broker"]
    assert jwt.decode(minted["token"], secret, algorithms=["HS256"], audience="stx")


def test_an_org_token_without_org_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "--sub", "x", "--role", "org"]) == 2
    assert "org_id" in capsys.readouterr().err


def test_token_refuses_the_development_secret_in_production(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STX_ENVIRONMENT", "prod")
    monkeypatch.setenv("STX_JWT_SECRET", DEV_JWT_SECRET)

    assert main(["token", "--sub", "broker-01", "--role", "broker"]) == 2
    assert "development secret" in capsys.readouterr().err


def test_seed_runs_the_listings_seeder_as_its_own_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[str]] = []

    def call(command: list[str]) -> int:
        calls.append(command)
        return 0

    monkeypatch.setattr(subprocess, "call", call)

    assert main(["seed", "--url", "http://127.0.0.1:8101"]) == 0
    assert main(["seed"]) == 0
    assert calls == [
        [sys.executable, "-m", SEED_MODULE, "--url", "http://127.0.0.1:8101"],
        [sys.executable, "-m", SEED_MODULE],
    ]
