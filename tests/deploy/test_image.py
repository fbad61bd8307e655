"""The container image (deploy/docker/Dockerfile), checked without a Docker engine.

- static checks of the Dockerfile: multi-stage, slim base, non-root, healthcheck, read-only
  friendly, `python -m` entry point, never the `[dev]` extra;
- the slow one: a fresh virtualenv with the runtime dependencies only — the same requirement
  list and constraints the Dockerfile installs — then every module under `shared/` and
  `services/` (copied as the Dockerfile copies them) is imported in it. A module that needs a
  package only the dev venv has fails here before it fails in a pod.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Final

import pytest

from deploy.docker.runtime_requirements import runtime_requirements
from shared.topics import SERVICES

REPO: Final = Path(__file__).resolve().parents[2]
DOCKER_DIR: Final = REPO / "deploy" / "docker"
DOCKERFILE: Final = DOCKER_DIR / "Dockerfile"
DOCKERIGNORE: Final = DOCKER_DIR / "Dockerfile.dockerignore"
VENV_CACHE: Final = REPO / ".cache" / "image-venv"

DEV_ONLY_MODULES: Final = frozenset({"shared.contract"})
"""Build-time tools inside the packages (they regenerate docs/), not imported at run time —
the import test proves no runtime module pulls them in."""
DEV_TOOLS: Final = ("pytest", "pytest-asyncio", "ruff", "mypy", "import-linter", "secantusdb")


# --- static checks ----------------------------------------------------------------------------


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text("utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    result = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        result.append((keyword.upper(), args.strip()))
    return result


def _stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in _instructions():
        if instruction[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instruction)
    return stages


def _args(stage: list[tuple[str, str]], keyword: str) -> list[str]:
    return [args for kw, args in stage if kw == keyword]


def test_multi_stage_from_python_slim() -> None:
    stages = _stages()
    assert len(stages) >= 2, "builder + runtime stages"
    default_base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", DOCKERFILE.read_text("utf-8"), re.M)
    assert default_base
    assert default_base.group(1) == "python:3.11-slim"
    names = [stage[0][1] for stage in stages]
    assert names[0] == "${PYTHON_IMAGE} AS builder"
    assert names[-1] == "${PYTHON_IMAGE} AS runtime"
    runtime = stages[-1]
    assert any("--from=builder" in args for args in _args(runtime, "COPY"))


def test_runtime_stage_runs_as_non_root_and_stays_read_only() -> None:
    runtime = _stages()[-1]
    users = _args(runtime, "USER")
    assert users, "USER missing in the runtime stage"
    assert users[-1] == "10001:10001", "numeric uid so runAsNonRoot can verify it"
    assert all(kw != "VOLUME" for kw, _ in runtime)
    env = " ".join(_args(runtime, "ENV"))
    for setting in (
        "PYTHONDONTWRITEBYTECODE=1",
        "OPENBLAS_NUM_THREADS=1",
        "HOME=/tmp",
        "STX_HTTP_HOST=0.0.0.0",
    ):
        assert setting in env, setting
    # Bytecode is compiled at build time: nothing to write into the read-only root at run time.
    assert any("compileall" in args for args in _args(runtime, "RUN"))


def test_entry_point_and_healthcheck() -> None:
    runtime = _stages()[-1]
    assert _args(runtime, "ENTRYPOINT") == ['["python", "-m"]']
    assert _args(runtime, "CMD") == ['["services.listings"]']
    (healthcheck,) = _args(runtime, "HEALTHCHECK")
    assert "/healthz" in healthcheck
    assert "urllib.request" in healthcheck
    command = json.loads(healthcheck.split("CMD", 1)[1])
    assert command[:2] == ["python", "-c"]
    compile(command[2], "<healthcheck>", "exec")  # valid Python


def test_no_dev_dependencies_in_the_image() -> None:
    text = "\n".join(f"{kw} {args}" for kw, args in _instructions())  # comments excluded
    assert "[dev]" not in text
    assert ".[" not in text
    assert not re.search(r"pip install[^\n]*(-e|--editable)\b", text)
    assert "runtime_requirements.py" in text
    assert "--constraint constraints.txt" in text
    requirements = runtime_requirements(REPO / "pyproject.toml")
    with (REPO / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert requirements == project["dependencies"]
    dev = {
        re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower()
        for r in project["optional-dependencies"]["dev"]
    }
    runtime = {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}
    assert not {"pytest", "ruff", "mypy", "secantusdb"} & runtime
    assert dev - runtime, "the dev extra stays out of the runtime set"


def test_dockerignore_lets_in_only_what_the_image_needs() -> None:
    lines = [
        line.strip()
        for line in DOCKERIGNORE.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*", "allow-list: everything else (.venv, .git, .data, tests) stays out"
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    sources = set()
    for stage in _stages():
        for args in _args(stage, "COPY"):
            parts = shlex.split(args)
            if not any(part.startswith("--from") for part in parts):
                # `constraints.tx[t]` is the "copy when present" glob of constraints.txt.
                sources |= {p.rstrip("/").replace("tx[t]", "txt") for p in parts[:-1]}
    assert sources, "no COPY found"
    assert sources <= allowed, f"copied but excluded by the .dockerignore: {sources - allowed}"
    assert "**/__pycache__" in lines


def test_image_copies_every_package_of_the_distribution() -> None:
    with (REPO / "pyproject.toml").open("rb") as handle:
        include = tomllib.load(handle)["tool"]["setuptools"]["packages"]["find"]["include"]
    roots = {pattern.rstrip("*") for pattern in include}
    assert roots == set(_runtime_sources()), "COPY every package root into /app"


def _runtime_sources() -> list[str]:
    """Package roots the runtime stage copies from the build context into /app."""
    sources = []
    for args in _args(_stages()[-1], "COPY"):
        parts = shlex.split(args)
        if any(p.startswith("--from") for p in parts):
            continue
        src, dest = parts[0].rstrip("/"), parts[-1].rstrip("/")
        assert dest == f"/app/{src}", args
        sources.append(src)
    return sources


# --- the runtime dependency set, for real -----------------------------------------------------


def _venv_key(requirements: list[str]) -> str:
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update("\n".join(requirements).encode())
    constraints = REPO / "constraints.txt"
    if constraints.exists():
        digest.update(constraints.read_bytes())
    return digest.hexdigest()[:16]


def _runtime_venv() -> Path:
    """A virtualenv with the runtime dependencies only, cached under .cache/ by content key."""
    requirements = runtime_requirements(REPO / "pyproject.toml")
    venv = VENV_CACHE / _venv_key(requirements)
    python = venv / "bin" / "python"
    if (venv / ".complete").exists():
        return python
    building = venv.with_name(venv.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(building)], check=True, timeout=120)
    (building / "requirements.txt").write_text("\n".join(requirements) + "\n", "utf-8")
    constraints = (
        ["--constraint", str(REPO / "constraints.txt")]
        if (REPO / "constraints.txt").exists()
        else []
    )
    result = subprocess.run(
        [
            str(building / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--quiet",
            *constraints,
            "--requirement",
            str(building / "requirements.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"installing the runtime requirements failed:\n{result.stderr[-4000:]}")
    shutil.rmtree(venv, ignore_errors=True)
    building.rename(venv)
    (venv / ".complete").write_text("\n".join(requirements) + "\n", "utf-8")
    for stale in VENV_CACHE.iterdir():  # venvs of earlier dependency sets
        if stale != venv:
            shutil.rmtree(stale, ignore_errors=True)
    return python


_IMPORT_ALL = r"""
import ast, importlib, importlib.util, json, sys, zoneinfo
from importlib.metadata import distributions
from pathlib import Path

app, dev_only = Path(sys.argv[1]), set(sys.argv[2].split(","))
services, tools = sys.argv[3].split(","), sys.argv[4].split(",")


def is_dev_only(module):
    return any(module == d or module.startswith(d + ".") for d in dev_only)


class Imports(ast.NodeVisitor):
    # Absolute imports anywhere in a module (lazy ones inside functions too), except those
    # under `if TYPE_CHECKING:`, which never run.
    def __init__(self):
        self.names = set()

    def visit_If(self, node):
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        self.names.update(alias.name for alias in node.names)

    def visit_ImportFrom(self, node):
        if node.level == 0 and node.module:
            self.names.add(node.module)


modules, third_party = [], {}
for path in sorted(app.rglob("*.py")):
    parts = path.relative_to(app).with_suffix("").parts
    if "__pycache__" in parts:
        continue
    module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    if is_dev_only(module):
        continue
    if parts[-1] != "__main__":  # importing __main__ would start the service
        modules.append(module)
    visitor = Imports()
    visitor.visit(ast.parse(path.read_text("utf-8")))
    for name in visitor.names:
        top = name.split(".")[0]
        if top not in sys.stdlib_module_names and top not in {"shared", "services"}:
            third_party.setdefault(name, module)

failures, imported = {}, 0
for name in modules:
    try:
        importlib.import_module(name)
        imported += 1
    except BaseException as error:  # SystemExit, ImportError, anything: report them all
        failures[name] = f"{type(error).__name__}: {error}"
for name, where in sorted(third_party.items()):  # lazy imports the module walk did not run
    if name not in sys.modules:
        try:
            importlib.import_module(name)
        except BaseException as error:
            failures[f"{where} (import {name})"] = f"{type(error).__name__}: {error}"
try:
    zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
except Exception as error:
    failures["zoneinfo Asia/Ho_Chi_Minh"] = f"{type(error).__name__}: {error}"
installed = {d.metadata["Name"].lower() for d in distributions()}
print(json.dumps({
    "imported": imported,
    "third_party": len(third_party),
    "failures": failures,
    "dev_only_loaded": sorted(m for m in dev_only if m in sys.modules),
    "missing_main": [
        s for s in services if importlib.util.find_spec(f"services.{s}.__main__") is None
    ],
    "dev_tools_installed": sorted(set(tools) & installed),
}))
"""


@pytest.mark.slow
def test_every_runtime_import_resolves_from_the_runtime_dependencies(tmp_path: Path) -> None:
    python = _runtime_venv()
    app = tmp_path / "app"
    for source in _runtime_sources():  # exactly what the runtime stage copies
        shutil.copytree(REPO / source, app / source, ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(app),
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        # python:3.11-slim (Debian 13) has no system time-zone database: zoneinfo must find
        # Asia/Ho_Chi_Minh in the `tzdata` package.
        "PYTHONTZPATH": "",
    }
    result = subprocess.run(
        [
            str(python),
            "-c",
            _IMPORT_ALL,
            str(app),
            ",".join(sorted(DEV_ONLY_MODULES)),
            ",".join(SERVICES),
            ",".join(DEV_TOOLS),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["imported"] > 0
    assert report["third_party"] > 0
    assert not report["failures"], (
        "modules that do not import with the runtime dependencies alone (add the missing "
        "packages to [project].dependencies in pyproject.toml, not to the dev extra):\n"
        + "\n".join(f"  {name}: {error}" for name, error in sorted(report["failures"].items()))
    )
    assert not report["dev_only_loaded"], (
        f"runtime modules import dev-only tooling: {report['dev_only_loaded']}"
    )
    assert not report["dev_tools_installed"], report["dev_tools_installed"]
    assert not report["missing_main"], (
        "`python -m services.<name>` needs services/<name>/__main__.py: "
        f"missing for {report['missing_main']}"
    )
