"""The generated manifests follow the topic registry (no drift), and the ACLs are least-privilege.

These read the committed files and the generator; no kubectl needed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import yaml

from deploy.k8s import catalog, generate, kafka_resources
from shared.topics import SERVICES, TOPICS, Visibility, dlq_topic, public_topics, topic

Doc = dict[str, Any]


def _load(name: str) -> list[Doc]:
    text = (catalog.BASE_GENERATED / name).read_text(encoding="utf-8")
    return [doc for doc in yaml.safe_load_all(text) if doc]


def _users() -> dict[str, Doc]:
    return {doc["metadata"]["name"]: doc for doc in _load("kafka-users.yaml")}


def _acls(user: Doc) -> list[Doc]:
    return list(user["spec"]["authorization"]["acls"])


def _topic_ops(user: Doc) -> dict[str, set[str]]:
    """Literal topic name → operations granted."""
    ops: dict[str, set[str]] = {}
    for acl in _acls(user):
        resource = acl["resource"]
        if resource["type"] == "topic":
            assert resource["patternType"] == "literal", f"prefix topic ACL in {user}"
            ops.setdefault(resource["name"], set()).update(acl["operations"])
    return ops


# --- drift ------------------------------------------------------------------------------------


def test_committed_manifests_match_the_generator() -> None:
    diffs = generate.drift()
    assert not diffs, (
        "deploy/k8s generated files are stale; run `python -m deploy.k8s.generate` and commit:\n"
        + "".join(diffs)
    )


def test_every_registry_topic_has_exactly_its_kafka_topic() -> None:
    """Independent of the generator: the committed KafkaTopics say what shared/topics.py says."""
    committed = {doc["spec"]["topicName"]: doc for doc in _load("kafka-topics.yaml")}
    assert sorted(committed) == sorted(spec.name for spec in TOPICS)
    for spec in TOPICS:
        doc = committed[spec.name]
        assert doc["kind"] == "KafkaTopic"
        assert doc["apiVersion"] == "kafka.strimzi.io/v1"
        assert doc["metadata"]["labels"]["strimzi.io/cluster"] == catalog.KAFKA_CLUSTER
        assert doc["spec"]["partitions"] == spec.partitions, spec.name
        assert doc["spec"]["replicas"] == spec.replication_factor, spec.name
        assert doc["spec"]["config"] == spec.config(), spec.name
        assert doc["spec"]["config"]["min.insync.replicas"] == str(spec.min_insync_replicas)
        assert doc["metadata"]["labels"]["stx/visibility"] == spec.visibility.value


def test_dev_patch_covers_every_topic() -> None:
    text = (catalog.DEV_GENERATED / "kafka-topics-single-replica.yaml").read_text("utf-8")
    patched = {doc["metadata"]["name"] for doc in yaml.safe_load_all(text) if doc}
    assert patched == {kafka_resources.topic_resource_name(spec.name) for spec in TOPICS}


def test_a_registry_change_is_reported_as_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drift check bites: more partitions on one topic and a new topic both show up."""
    first = TOPICS[0]
    changed = (
        dataclasses.replace(first, partitions=first.partitions + 6),
        *TOPICS[1:],
        dataclasses.replace(first, name="stx.new-things.v1", description="new"),
    )
    monkeypatch.setattr(generate, "TOPICS", changed)
    report = "".join(generate.drift())
    assert f"+  partitions: {first.partitions + 6}" in report
    assert "+  topicName: stx.new-things.v1" in report
    assert "kafka-topics-single-replica.yaml" in report


def test_generation_is_deterministic() -> None:
    assert generate.generated_files() == generate.generated_files()


def test_kafka_topic_names_are_valid_resource_names() -> None:
    for spec in TOPICS:
        name = kafka_resources.topic_resource_name(spec.name)
        assert name.replace("-", "").isalnum(), name
        assert name.islower(), name


# --- ACLs -------------------------------------------------------------------------------------


def test_one_user_per_service_plus_ops_keda_and_the_agency() -> None:
    assert set(_users()) == {
        *(f"stx-{service}" for service in SERVICES),
        catalog.OPS_USER,
        catalog.KEDA_USER,
        catalog.AGENCY_USER,
    }
    for user in _users().values():
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        for acl in _acls(user):
            assert "All" not in acl["operations"], user["metadata"]["name"]


@pytest.mark.parametrize("service", SERVICES)
def test_service_user_is_least_privilege(service: str) -> None:
    io = catalog.service_io(service)
    user = _users()[f"stx-{service}"]
    ops = _topic_ops(user)
    # Exactly the topics it reads or writes, nothing else.
    assert set(ops) == set(io.consumes) | set(io.writes)
    for name, granted in ops.items():
        expected = {"Describe"}
        expected |= {"Read"} if name in io.consumes else set()
        expected |= {"Write"} if name in io.writes else set()
        assert granted == expected, f"{service} on {name}: {granted} != {expected}"
    # Its own dead-letter topic, no one else's.
    assert "Write" in ops[dlq_topic(service)]
    for other in SERVICES:
        if other != service:
            assert dlq_topic(other) not in ops
    groups = [acl for acl in _acls(user) if acl["resource"]["type"] == "group"]
    assert groups[0]["resource"] == {
        "type": "group",
        "name": f"stx.{service}",
        "patternType": "literal",
    }
    assert all(acl["operations"] == ["Read"] for acl in groups)
    assert [acl["resource"]["name"] for acl in groups[1:]] == list(io.extra_group_prefixes)
    assert all(prefix.startswith(f"stx.{service}.") for prefix in io.extra_group_prefixes)
    cluster = [acl for acl in _acls(user) if acl["resource"]["type"] == "cluster"]
    assert cluster == [
        {"resource": {"type": "cluster"}, "operations": ["IdempotentWrite"], "host": "*"}
    ]


def test_every_topic_has_one_writing_service() -> None:
    """Ownership: each public/internal topic is written by exactly one service, each DLQ by its
    own service (the ops user may re-publish, for DLQ replay)."""
    users = _users()
    for spec in TOPICS:
        writers = [
            service
            for service in SERVICES
            if "Write" in _topic_ops(users[f"stx-{service}"]).get(spec.name, set())
        ]
        assert len(writers) == 1, f"{spec.name} written by {writers}"
        if spec.visibility is Visibility.DLQ:
            assert spec.name == dlq_topic(writers[0])


def test_internal_topic_is_read_only_by_services_that_declare_it() -> None:
    users = _users()
    contacts = "stx.internal.contacts.v1"
    assert topic(contacts).visibility is Visibility.INTERNAL
    readers = {
        service
        for service in SERVICES
        if "Read" in _topic_ops(users[f"stx-{service}"]).get(contacts, set())
    }
    assert readers == {io.name for io in catalog.SERVICE_IO if contacts in io.consumes}


def test_agency_reads_public_topics_only() -> None:
    agency = _users()[catalog.AGENCY_USER]
    ops = _topic_ops(agency)
    assert set(ops) == {spec.name for spec in public_topics()}
    for name, granted in ops.items():
        assert granted == {"Describe", "Read"}, name
        assert not name.startswith("stx.internal."), name
        assert not name.startswith("stx.dlq."), name
    others = [acl for acl in _acls(agency) if acl["resource"]["type"] != "topic"]
    assert others == [
        {
            "resource": {
                "type": "group",
                "name": catalog.AGENCY_GROUP_PREFIX,
                "patternType": "prefix",
            },
            "operations": ["Read"],
            "host": "*",
        }
    ]
    assert agency["spec"]["quotas"]["consumerByteRate"] > 0


def test_keda_user_only_describes() -> None:
    for acl in _acls(_users()[catalog.KEDA_USER]):
        assert acl["operations"] == ["Describe"]
        assert acl["resource"]["name"] == "stx."


# --- autoscaling ------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_scaled_object_follows_consumer_group_and_partitions(service: str) -> None:
    io = catalog.service_io(service)
    scaled = {doc["metadata"]["name"]: doc for doc in _load("keda-scaledobjects.yaml")}
    spec = scaled[f"stx-{service}"]["spec"]
    assert spec["scaleTargetRef"]["name"] == f"stx-{service}"
    (trigger,) = spec["triggers"]
    assert trigger["type"] == "kafka"
    assert trigger["metadata"]["consumerGroup"] == f"stx.{service}"
    assert trigger["metadata"]["bootstrapServers"] == catalog.KAFKA_BOOTSTRAP
    partitions = max(topic(name).partitions for name in io.consumes)
    assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"] <= partitions
    assert spec["maxReplicaCount"] == min(partitions, io.replicas_cap or partitions)


def test_matching_scales_no_further_than_its_measured_ceiling() -> None:
    scaled = {doc["metadata"]["name"]: doc for doc in _load("keda-scaledobjects.yaml")}
    assert scaled["stx-matching"]["spec"]["maxReplicaCount"] == 2
    assert scaled["stx-notifications"]["spec"]["maxReplicaCount"] == 6


def test_termination_grace_covers_the_graceful_shutdown() -> None:
    assert catalog.TERMINATION_GRACE_SECONDS > (
        catalog.PRE_STOP_SECONDS + catalog.GRACEFUL_TIMEOUT_SECONDS
    )
