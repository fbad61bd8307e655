"""Print the runtime requirements of the project: `[project].dependencies` of pyproject.toml.

Used by the image build (deploy/docker/Dockerfile) and by tests/deploy/test_image.py, so the
image and the test that proves "every runtime import resolves" install the same set: never the
`[dev]` extra. Standard library only (it runs in the bare builder image).

    python runtime_requirements.py [pyproject.toml] > requirements.txt
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def runtime_requirements(pyproject: Path) -> list[str]:
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    return list(project.get("dependencies", []))


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path("pyproject.toml")
    sys.stdout.write("".join(f"{requirement}\n" for requirement in runtime_requirements(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
