"""What the stack needs on the machine: system packages (Java, Maven, a font) and the Kafka
jars resolved from Maven Central."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from deploy.local.stack.common import (
    KAFKA_POM,
    REPO_ROOT,
    StackError,
)

FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def ensure_system_packages() -> None:
    """Install with apt what a fresh Debian box lacks: a Java runtime and Maven (Kafka runs on
    the JVM and is resolved by Maven) and the DejaVu fonts (Vietnamese certificate PDFs)."""
    packages = [_java_package()] if shutil.which("java") is None else []
    if shutil.which("mvn") is None:
        packages.append("maven")
    if not FONT_FILE.exists():
        packages.append("fonts-dejavu-core")
    if not packages:
        return
    if os.geteuid() != 0:
        raise StackError(
            f"missing system packages; as root run: apt-get update && apt-get install -y "
            f"{' '.join(packages)}"
        )
    print(f"stack: installing with apt: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", *packages], check=True, env=env
    )


def _java_package() -> str:
    """Java 17 where the distribution still ships it (bookworm), else the default (17+)."""
    probe = subprocess.run(
        ["apt-cache", "show", "openjdk-17-jre-headless"], capture_output=True, check=False
    )
    return "openjdk-17-jre-headless" if probe.returncode == 0 else "default-jre-headless"


def kafka_version() -> str:
    """The broker version, read from the pom so the version lives in exactly one place."""
    match = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", KAFKA_POM.read_text())
    if match is None:
        raise StackError(f"no <kafka.version> property in {KAFKA_POM}")
    return match.group(1)


def default_cache_dir() -> Path:
    """`.cache/kafka-<version>/` in the repo root (gitignored), shared by `make` and the tests."""
    return REPO_ROOT / ".cache" / f"kafka-{kafka_version()}"


def ensure_kafka_libs(cache_dir: Path) -> Path:
    """Resolve the broker's jars into ``cache_dir/kafka-libs`` once; return that folder.

    A marker written after a successful resolve records the pom's hash and the jar names, so a
    later call is a few stat() calls, and a changed pom or a deleted jar triggers a clean
    re-resolve (stale jars of another version must never share the classpath).
    """
    libs = cache_dir / "kafka-libs"
    marker = cache_dir / "kafka-libs.json"
    pom_hash = hashlib.sha256(KAFKA_POM.read_bytes()).hexdigest()
    if _libs_complete(libs, marker, pom_hash):
        return libs
    ensure_system_packages()
    print(f"stack: resolving Kafka {kafka_version()} jars from Maven Central into {libs}")
    shutil.rmtree(libs, ignore_errors=True)
    marker.unlink(missing_ok=True)
    command = [
        "mvn", "-q", "-B", "-f", str(KAFKA_POM), "dependency:copy-dependencies",
        f"-DoutputDirectory={libs}", "-DincludeScope=runtime",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise StackError(f"mvn failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    jars = sorted(p.name for p in libs.glob("*.jar"))
    marker.write_text(json.dumps({"pom_sha256": pom_hash, "jars": jars}, indent=1))
    return libs


def _libs_complete(libs: Path, marker: Path, pom_hash: str) -> bool:
    """True when the marker matches the current pom and every jar it lists is present."""
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    jars = recorded.get("jars") or []
    return recorded.get("pom_sha256") == pom_hash and all((libs / j).is_file() for j in jars)
