"""Fixtures of the deployment checks: the real `kubectl kustomize` output of every overlay.

No test here is skipped for a missing tool: without kubectl the fixture fails with the command
that installs it (`make deploy-tools`, i.e. Debian's `kubernetes-client`).
"""

from __future__ import annotations

from typing import Any

import pytest

from deploy.k8s.validate import OVERLAYS, ToolMissingError, build, find_kubectl, overlay_dir


@pytest.fixture(scope="session")
def kubectl() -> str:
    try:
        return find_kubectl()
    except ToolMissingError as error:
        message = str(error)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def built(kubectl: str) -> dict[str, list[dict[str, Any]]]:
    """Overlay name → the documents `kubectl kustomize overlays/<name>` prints."""
    return {name: build(overlay_dir(name), kubectl) for name in OVERLAYS}


@pytest.fixture(params=OVERLAYS)
def overlay(request: pytest.FixtureRequest) -> str:
    return str(request.param)
