"""Generate the Kubernetes manifests that follow from the topic registry and the service table.

    python -m deploy.k8s.generate           # rewrite the generated files
    python -m deploy.k8s.generate --check   # exit 1, with a diff, when a committed file drifted

Written (and committed; `tests/deploy` fails on drift):

- `base/generated/kafka-topics.yaml`: one Strimzi `KafkaTopic` per `shared.topics.TOPICS` entry
  (partitions, replicas, `min.insync.replicas`, retention, cleanup policy straight from the spec);
- `base/generated/kafka-users.yaml`: one SCRAM-SHA-512 `KafkaUser` per service with
  least-privilege ACLs (see `SERVICE_IO`), the ops user, the KEDA lag reader, and the example
  agency user (read-only on PUBLIC topics);
- `base/generated/keda-scaledobjects.yaml`: one KEDA `ScaledObject` per service, scaling on the
  lag of its consumer group `stx.<service>`, capped by the partitions of what it consumes (or
  by a lower, measured `replicas_cap`);
- `base/generated/service-<name>.yaml`: the Deployment, Service, PodDisruptionBudget and
  NetworkPolicy of each service, from one template;
- `overlays/dev/generated/kafka-topics-single-replica.yaml`: the dev patch (one broker, so
  `replicas: 1` and `min.insync.replicas: 1` on every topic).

Output is deterministic: same registry, same bytes.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from deploy.k8s.catalog import (
    BASE_GENERATED,
    DEV_GENERATED,
    HEADER,
    K8S_DIR,
    SERVICE_IO,
    check_table,
)
from deploy.k8s.kafka_resources import (
    agency_user,
    dev_topic_patch,
    kafka_topic,
    keda_user,
    ops_user,
    service_user,
)
from deploy.k8s.keda import (
    scaled_object,
)
from deploy.k8s.portal import portal_manifests
from deploy.k8s.workloads import (
    deployment,
    network_policy,
    pod_disruption_budget,
    service,
)
from shared.topics import (
    TOPICS,
)


def render(docs: Sequence[dict[str, Any]]) -> str:
    body: str = yaml.safe_dump_all(
        docs, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return HEADER + "---\n" + body


def generated_files() -> dict[Path, str]:
    """Every generated file, by absolute path, with its exact content."""
    check_table()
    files = {
        BASE_GENERATED / "kafka-topics.yaml": render([kafka_topic(spec) for spec in TOPICS]),
        BASE_GENERATED / "kafka-users.yaml": render(
            [*(service_user(io) for io in SERVICE_IO), ops_user(), keda_user(), agency_user()]
        ),
        BASE_GENERATED / "keda-scaledobjects.yaml": render(
            [scaled_object(io) for io in SERVICE_IO]
        ),
        DEV_GENERATED / "kafka-topics-single-replica.yaml": render(
            [dev_topic_patch(spec) for spec in TOPICS]
        ),
    }
    for io in SERVICE_IO:
        files[BASE_GENERATED / f"service-{io.name}.yaml"] = render(
            [deployment(io), service(io), pod_disruption_budget(io), network_policy(io)]
        )
    files[BASE_GENERATED / "portal.yaml"] = render(portal_manifests())
    return files


def drift() -> list[str]:
    """Unified diffs of every generated file that differs from (or is missing in) the tree."""
    diffs = []
    wanted_files = generated_files()
    for path, wanted in wanted_files.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != wanted:
            rel = path.relative_to(K8S_DIR)
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        current.splitlines(keepends=True),
                        wanted.splitlines(keepends=True),
                        f"committed/{rel}",
                        f"generated/{rel}",
                    )
                )
                or f"{rel}: missing\n"
            )
    for folder in (BASE_GENERATED, DEV_GENERATED):
        for stale in sorted(set(folder.glob("*.yaml")) - set(wanted_files)):
            diffs.append(f"{stale.relative_to(K8S_DIR)}: not generated any more, delete it\n")
    return diffs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.k8s.generate", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on drift instead of writing")
    args = parser.parse_args(argv)
    if args.check:
        diffs = drift()
        if diffs:
            sys.stdout.write("".join(diffs))
            sys.stderr.write(
                "deploy/k8s: generated manifests differ from the registry; "
                "run `python -m deploy.k8s.generate` and commit the result\n"
            )
            return 1
        print("deploy/k8s: generated manifests match the registry")
        return 0
    files = generated_files()
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(K8S_DIR.parent.parent)}")
    for folder in (BASE_GENERATED, DEV_GENERATED):
        for stale in sorted(set(folder.glob("*.yaml")) - set(files)):
            stale.unlink()
            print(f"deleted {stale.relative_to(K8S_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
