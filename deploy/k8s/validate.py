"""Build every kustomize overlay with the real `kubectl kustomize` and validate the output offline.

    python -m deploy.k8s.validate            # all overlays; exit 1 on any error

- core resources (Deployment, Service, NetworkPolicy, …): `kubernetes-validate`, strict (an
  unknown field is an error), against every Kubernetes version in `K8S_VERSIONS`;
- custom resources (Strimzi, KEDA): the JSON Schemas under `deploy/schemas/`, picked by
  `apiVersion` + `kind`; a custom resource without a schema is an error, never skipped.

`kubectl` is taken from `$KUBECTL`, else from `PATH` (Debian: `apt-get install kubernetes-client`;
the manifests are written to build with its kustomize v2.0.3 as well as with v5).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final

import kubernetes_validate
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

K8S_DIR: Final = Path(__file__).resolve().parent
REPO: Final = K8S_DIR.parent.parent
SCHEMAS_DIR: Final = REPO / "deploy" / "schemas"
OVERLAYS: Final = ("dev", "prod")
K8S_VERSIONS: Final = ("1.30.0", "1.34.0")
"""Oldest Kubernetes we support (Strimzi and KEDA's own floor) and a recent one."""
KUBECTL_HINT: Final = (
    "kubectl not found: install it with `apt-get install -y kubernetes-client` (Debian) or "
    "`make deploy-tools`, or point $KUBECTL at a kubectl binary"
)

Doc = dict[str, Any]


class ToolMissingError(RuntimeError):
    pass


class BuildError(RuntimeError):
    pass


def find_kubectl() -> str:
    """The kubectl to use, or ToolMissingError with the install hint."""
    explicit = os.environ.get("KUBECTL")
    if explicit:
        if shutil.which(explicit) is None:
            raise ToolMissingError(f"$KUBECTL={explicit} is not executable. {KUBECTL_HINT}")
        return explicit
    found = shutil.which("kubectl")
    if found is None:
        raise ToolMissingError(KUBECTL_HINT)
    return found


def build(directory: Path, kubectl: str | None = None) -> list[Doc]:
    """`kubectl kustomize <directory>`, parsed; BuildError with kustomize's message on failure."""
    result = subprocess.run(
        [kubectl or find_kubectl(), "kustomize", str(directory)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        raise BuildError(f"kubectl kustomize {directory} failed:\n{result.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def overlay_dir(name: str) -> Path:
    return K8S_DIR / "overlays" / name


# --- schemas -----------------------------------------------------------------------------------


@cache
def _schemas() -> tuple[Registry, dict[tuple[str, str], Doc]]:
    registry: Registry = Registry()
    by_kind: dict[tuple[str, str], Doc] = {}
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        props = schema.get("properties", {})
        if "apiVersion" in props and "kind" in props:
            by_kind[(props["apiVersion"]["const"], props["kind"]["const"])] = schema
    return registry, by_kind


def custom_kinds() -> set[tuple[str, str]]:
    """(apiVersion, kind) of every custom resource we have a schema for."""
    return set(_schemas()[1])


def name_of(doc: Mapping[str, Any]) -> str:
    metadata = doc.get("metadata") or {}
    return f"{doc.get('kind')}/{metadata.get('name')}"


def _path(error_path: Iterable[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error_path) or "."


def custom_resource_errors(doc: Mapping[str, Any]) -> list[str]:
    registry, by_kind = _schemas()
    schema = by_kind.get((str(doc.get("apiVersion")), str(doc.get("kind"))))
    if schema is None:
        return [f"{name_of(doc)}: no JSON Schema for {doc.get('apiVersion')} {doc.get('kind')}"]
    validator = Draft202012Validator(schema, registry=registry)
    return [
        f"{name_of(doc)}: {_path(error.absolute_path)}: {error.message}"
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path)))
    ]


def core_resource_errors(
    doc: Mapping[str, Any], versions: Sequence[str] = K8S_VERSIONS
) -> list[str]:
    errors = []
    for version in versions:
        try:
            kubernetes_validate.validate(dict(doc), version, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            errors.append(
                f"{name_of(doc)}: {doc.get('apiVersion')} {doc.get('kind')} is neither a core "
                f"resource of Kubernetes {version} nor has a schema in deploy/schemas/"
            )
        except kubernetes_validate.ValidationError as error:
            errors.append(
                f"{name_of(doc)} (Kubernetes {version}): {_path(error.absolute_path)}: "
                f"{error.message}"
            )
    return errors


def is_custom(doc: Mapping[str, Any]) -> bool:
    api_version = str(doc.get("apiVersion", ""))
    group = api_version.rpartition("/")[0]
    return (api_version, str(doc.get("kind"))) in custom_kinds() or (
        "." in group and not group.endswith(".k8s.io")
    )


def validate_documents(docs: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every problem of every document, one line each; empty when all is valid."""
    errors: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for doc in docs:
        key = (str(doc.get("apiVersion")), str(doc.get("kind")), name_of(doc))
        if key in seen:
            errors.append(f"{name_of(doc)}: defined twice")
        seen.add(key)
        errors += custom_resource_errors(doc) if is_custom(doc) else core_resource_errors(doc)
    return errors


def validate_overlay(name: str, kubectl: str | None = None) -> tuple[list[Doc], list[str]]:
    docs = build(overlay_dir(name), kubectl)
    return docs, validate_documents(docs)


def _iter_report(kubectl: str) -> Iterator[tuple[str, int, list[str]]]:
    for overlay in OVERLAYS:
        docs, errors = validate_overlay(overlay, kubectl)
        yield overlay, len(docs), errors


def main() -> int:
    try:
        kubectl = find_kubectl()
    except ToolMissingError as error:
        print(error, file=sys.stderr)
        return 2
    failed = False
    for overlay, count, errors in _iter_report(kubectl):
        status = "ok" if not errors else f"{len(errors)} error(s)"
        print(f"overlays/{overlay}: {count} resources, {status}")
        for line in errors:
            print(f"  {line}")
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
