"""The committed AsyncAPI document passes the official AsyncAPI parser (npm @asyncapi/parser)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from shared.contract import ASYNCAPI_FILE

CHECKER = Path(__file__).parent / "asyncapi"


def _parse(document: Path) -> tuple[int, dict[str, Any]]:
    node = shutil.which("node")
    assert node, "node is missing: `make test` installs it (apt-get install nodejs npm)"
    assert (CHECKER / "node_modules" / "@asyncapi" / "parser").is_dir(), (
        "the AsyncAPI parser is not installed: run `make contract-tools`"
    )
    result = subprocess.run(
        [node, "validate.mjs", str(document)],
        cwd=CHECKER,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, json.loads(result.stdout)


def test_the_committed_document_parses_without_errors() -> None:
    code, report = _parse(ASYNCAPI_FILE)
    assert code == 0, report
    assert report["parsed"]
    assert report["errors"] == 0


def test_the_parser_rejects_a_broken_document(tmp_path: Path) -> None:
    document = yaml.safe_load(ASYNCAPI_FILE.read_text(encoding="utf-8"))
    first_channel = next(iter(document["channels"].values()))
    first_channel["messages"]["bogus"] = {"$ref": "#/components/messages/does_not_exist"}
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, report = _parse(broken)
    assert code == 1
    assert report["errors"] >= 1
