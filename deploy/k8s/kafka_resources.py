"""Strimzi `KafkaTopic` and `KafkaUser` resources (least-privilege ACLs) from the registry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from deploy.k8s.catalog import (
    AGENCY_GROUP_PREFIX,
    AGENCY_USER,
    KAFKA_CLUSTER,
    KEDA_USER,
    OPS_USER,
    PART_OF,
    ServiceIO,
)
from shared.topics import (
    TOPICS,
    TopicSpec,
    public_topics,
)


def topic_resource_name(name: str) -> str:
    """`stx.listings.v1` → `stx-listings-v1` (the Kafka name itself goes to `spec.topicName`)."""
    return name.replace(".", "-").replace("_", "-")


def _cluster_labels() -> dict[str, str]:
    return {"strimzi.io/cluster": KAFKA_CLUSTER, **PART_OF}


def kafka_topic(spec: TopicSpec) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaTopic",
        "metadata": {
            "name": topic_resource_name(spec.name),
            "labels": {**_cluster_labels(), "stx/visibility": spec.visibility.value},
            "annotations": {"stx/description": spec.description},
        },
        "spec": {
            "topicName": spec.name,
            "partitions": spec.partitions,
            "replicas": spec.replication_factor,
            "config": spec.config(),
        },
    }


def dev_topic_patch(spec: TopicSpec) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaTopic",
        "metadata": {"name": topic_resource_name(spec.name)},
        "spec": {"replicas": 1, "config": {"min.insync.replicas": "1"}},
    }


def _acl(
    resource_type: str, name: str | None, operations: Iterable[str], pattern: str = "literal"
) -> dict[str, Any]:
    resource: dict[str, Any] = {"type": resource_type}
    if name is not None:
        resource.update(name=name, patternType=pattern)
    return {"resource": resource, "operations": sorted(operations), "host": "*"}


def _topic_acls(reads: Sequence[str], writes: Sequence[str]) -> list[dict[str, Any]]:
    """One rule per topic, in registry order: Describe + Read and/or Write."""
    acls = []
    for spec in TOPICS:
        ops = set()
        if spec.name in reads:
            ops |= {"Describe", "Read"}
        if spec.name in writes:
            ops |= {"Describe", "Write"}
        if ops:
            acls.append(_acl("topic", spec.name, ops))
    return acls


def _kafka_user(
    name: str, acls: list[dict[str, Any]], labels: dict[str, str] | None = None, **spec: Any
) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaUser",
        "metadata": {"name": name, "labels": {**_cluster_labels(), **(labels or {})}},
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {"type": "simple", "acls": acls},
            **spec,
        },
    }


def service_user(io: ServiceIO) -> dict[str, Any]:
    acls = [_acl("group", io.consumer_group, ["Read"])]
    acls += [_acl("group", prefix, ["Read"], "prefix") for prefix in io.extra_group_prefixes]
    acls += _topic_acls(io.consumes, io.writes)
    # The idempotent producer (enable_idempotence=True) needs it on Kafka < 3; harmless on 4.
    acls.append(_acl("cluster", None, ["IdempotentWrite"]))
    return _kafka_user(f"stx-{io.name}", acls, {"app.kubernetes.io/name": io.name})


def ops_user() -> dict[str, Any]:
    """`stx` ops CLI and Kafka CLI tools (topics, lag, DLQ list/show/replay, offset resets):
    reads every STX topic, re-publishes a dead letter to its original topic, describes and
    resets STX consumer groups. Ops only: its password is an admin credential."""
    return _kafka_user(
        OPS_USER,
        [
            # Read on the groups too: resetting a service group's offsets (restore, replay).
            _acl("group", "stx.", ["Describe", "Read"], "prefix"),
            _acl("topic", "stx.", ["Describe", "DescribeConfigs", "Read", "Write"], "prefix"),
            _acl("cluster", None, ["IdempotentWrite"]),
        ],
        {"app.kubernetes.io/name": "ops"},
    )


def keda_user() -> dict[str, Any]:
    """KEDA's Kafka scaler: committed offsets of STX groups and end offsets of STX topics only."""
    return _kafka_user(
        KEDA_USER,
        [
            _acl("group", "stx.", ["Describe"], "prefix"),
            _acl("topic", "stx.", ["Describe"], "prefix"),
        ],
        {"app.kubernetes.io/name": "keda"},
    )


def agency_user() -> dict[str, Any]:
    """The example subscribing agency: read-only on PUBLIC topics, its own group prefix; nothing
    on `stx.internal.*` or the DLQs. Copy it (name, group prefix) for the next agency."""
    public = [spec.name for spec in public_topics()]
    return _kafka_user(
        AGENCY_USER,
        [_acl("group", AGENCY_GROUP_PREFIX, ["Read"], "prefix"), *_topic_acls(public, ())],
        {"stx/agency": "true"},
        quotas={"consumerByteRate": 5 * 1024 * 1024, "requestPercentage": 25},
    )
