"""Every overlay builds with the real `kubectl kustomize`, validates (kubernetes-validate for core
resources, deploy/schemas for custom ones) and keeps the promises the runbook makes."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from deploy.k8s import catalog
from deploy.k8s.validate import (
    K8S_DIR,
    BuildError,
    build,
    custom_resource_errors,
    validate_documents,
)
from shared.topics import SERVICES, TOPICS
from tests.deploy.helpers import by_name, of_kind

Doc = dict[str, Any]

STRIMZI_SECRETS = {
    *(f"stx-{service}" for service in SERVICES),
    catalog.KEDA_USER,
    catalog.AGENCY_USER,
    catalog.OPS_USER,
    catalog.KAFKA_CA_SECRET,
}
"""Secrets the Strimzi operators create (one per KafkaUser, the cluster CA)."""
PROD_SECRETS = {"stx-mongodb", "stx-jwt", "stx-notifications-delivery", "stx-portal"}
"""Secrets production creates itself (layout in overlays/prod/secrets.example.yaml)."""
ALLOWED_EGRESS = {53, 9093, 27017, 443}
NOTIFICATIONS_EGRESS = {25, 465, 587, 443, 1025}


def _service_deployments(docs: list[Doc]) -> dict[str, Doc]:
    return {
        doc["metadata"]["labels"]["app.kubernetes.io/name"]: doc
        for doc in of_kind(docs, "Deployment")
        if doc["metadata"]["labels"].get("app.kubernetes.io/component") == "service"
    }


def _container(deployment: Doc) -> Doc:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return dict(container)


def _config(docs: list[Doc]) -> dict[str, str]:
    (config,) = [
        doc
        for doc in of_kind(docs, "ConfigMap")
        if doc["metadata"]["name"].startswith("stx-config")
    ]
    return dict(config["data"])


# --- build and validate -----------------------------------------------------------------------


def test_overlay_builds_and_validates(built: dict[str, list[Doc]], overlay: str) -> None:
    docs = built[overlay]
    errors = validate_documents(docs)
    assert not errors, f"overlays/{overlay}:\n" + "\n".join(errors)
    kinds = {doc["kind"] for doc in docs}
    assert {
        "Namespace",
        "ConfigMap",
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "Kafka",
        "KafkaNodePool",
        "KafkaTopic",
        "KafkaUser",
        "ScaledObject",
        "TriggerAuthentication",
    } <= kinds
    assert {doc["metadata"].get("namespace") for doc in docs if doc["kind"] != "Namespace"} == {
        "stx"
    }


def test_prod_secret_example_validates() -> None:
    example = K8S_DIR / "overlays" / "prod" / "secrets.example.yaml"
    docs = [doc for doc in yaml.safe_load_all(example.read_text("utf-8")) if doc]
    assert {doc["metadata"]["name"] for doc in docs} == PROD_SECRETS
    assert validate_documents(docs) == []


# --- the schemas bite -------------------------------------------------------------------------


def _first(docs: list[Doc], kind: str) -> Doc:
    return copy.deepcopy(of_kind(docs, kind)[0])


def test_topic_with_zero_partitions_fails(built: dict[str, list[Doc]]) -> None:
    doc = _first(built["prod"], "KafkaTopic")
    doc["spec"]["partitions"] = 0
    assert any("0 is less than the minimum of 1" in e for e in custom_resource_errors(doc))


@pytest.mark.parametrize(
    ("kind", "mutate", "expected"),
    [
        ("KafkaTopic", lambda d: d["spec"].update(partitons=6), "'partitons' was unexpected"),
        (
            "KafkaTopic",
            lambda d: d["spec"]["config"].update({"retention.msec": "1"}),
            "retention.msec",
        ),
        ("KafkaTopic", lambda d: d["spec"].update(replicas=0), "minimum of 1"),
        (
            "KafkaTopic",
            lambda d: d["metadata"]["labels"].pop("strimzi.io/cluster"),
            "strimzi.io/cluster",
        ),
        (
            "KafkaUser",
            lambda d: d["spec"]["authorization"]["acls"][0].update(operation="Read"),
            "'operation' was unexpected",
        ),
        (
            "KafkaUser",
            lambda d: d["spec"]["authorization"]["acls"][0].update(operations=["Reed"]),
            "'Reed' is not one of",
        ),
        (
            "KafkaUser",
            lambda d: d["spec"]["authentication"].update(type="plain"),
            "'scram-sha-512' was expected",
        ),
        ("Kafka", lambda d: d["spec"]["kafka"].update(replicas=3), "'replicas' was unexpected"),
        (
            "Kafka",
            lambda d: d["spec"].update(zookeeper={"replicas": 3}),
            "'zookeeper' was unexpected",
        ),
        ("KafkaNodePool", lambda d: d["spec"].update(replicas=0), "minimum of 1"),
        ("KafkaNodePool", lambda d: d["spec"].update(roles=["brokers"]), "'brokers' is not one of"),
        (
            "ScaledObject",
            lambda d: d["spec"]["triggers"][0]["metadata"].update(lagThreshold=50),
            "is not of type 'string'",
        ),
        ("ScaledObject", lambda d: d["spec"].update(maxReplicas=3), "'maxReplicas' was unexpected"),
        (
            "TriggerAuthentication",
            lambda d: d["spec"]["secretTargetRef"][0].update(parameter="pasword"),
            "'pasword' is not one of",
        ),
    ],
)
def test_a_broken_custom_resource_fails(
    built: dict[str, list[Doc]], kind: str, mutate: Any, expected: str
) -> None:
    doc = _first(built["prod"], kind)
    assert custom_resource_errors(doc) == []
    mutate(doc)
    errors = custom_resource_errors(doc)
    assert any(expected in error for error in errors), errors


def test_a_custom_resource_without_schema_fails() -> None:
    unknown = {
        "apiVersion": "kafka.strimzi.io/v1",
        "kind": "KafkaConnect",
        "metadata": {"name": "x"},
    }
    assert validate_documents([unknown]) == [
        "KafkaConnect/x: no JSON Schema for kafka.strimzi.io/v1 KafkaConnect"
    ]


def test_a_typo_in_a_core_resource_fails(built: dict[str, list[Doc]]) -> None:
    deployment = _first(built["prod"], "Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    errors = validate_documents([deployment])
    assert errors
    assert all("'readinesProbe' was unexpected" in error for error in errors), errors


def test_a_broken_manifest_in_the_tree_fails_the_build_check(kubectl: str, tmp_path: Path) -> None:
    """End to end on a copy of deploy/k8s: a topic edited to 0 partitions, then a missing file."""
    tree = tmp_path / "k8s"
    shutil.copytree(K8S_DIR, tree, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    topics = tree / "base" / "generated" / "kafka-topics.yaml"
    text = topics.read_text("utf-8")
    topics.write_text(text.replace("partitions: 6", "partitions: 0", 1), "utf-8")
    topics_built = of_kind(build(tree / "overlays" / "dev", kubectl), "KafkaTopic")
    errors = validate_documents(topics_built)
    assert any(".spec.partitions: 0 is less than the minimum of 1" in e for e in errors), errors

    (tree / "base" / "keda-auth.yaml").unlink()
    with pytest.raises(BuildError, match=r"keda-auth\.yaml"):
        build(tree / "overlays" / "prod", kubectl)


# --- what the runbook promises ----------------------------------------------------------------


def test_one_workload_set_per_service(built: dict[str, list[Doc]], overlay: str) -> None:
    docs = built[overlay]
    deployments = _service_deployments(docs)
    assert set(deployments) == set(SERVICES)
    for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy", "ScaledObject", "KafkaUser"):
        assert {f"stx-{s}" for s in SERVICES} <= set(by_name(docs, kind)), kind
    for service, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert deployment["spec"]["template"]["metadata"]["labels"].items() >= selector.items()
        for kind in ("Service", "PodDisruptionBudget"):
            resource = by_name(docs, kind)[f"stx-{service}"]
            chosen = resource["spec"]["selector"]
            assert chosen.get("matchLabels", chosen) == selector, kind
        policy = by_name(docs, "NetworkPolicy")[f"stx-{service}"]
        assert policy["spec"]["podSelector"]["matchLabels"] == selector
        scaled = by_name(docs, "ScaledObject")[f"stx-{service}"]
        assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
        assert "replicas" not in deployment["spec"], "KEDA owns the replica count"


def test_deployments_are_locked_down(built: dict[str, list[Doc]], overlay: str) -> None:
    for service, deployment in _service_deployments(built[overlay]).items():
        pod = deployment["spec"]["template"]["spec"]
        container = _container(deployment)
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == catalog.UID
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        assert pod["enableServiceLinks"] is False
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"] == {"drop": ["ALL"]}
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["volumes"]}
        assert "emptyDir" in volumes[mounts["/tmp"]], service
        assert container["args"] == [f"services.{service}"]
        for kind in ("requests", "limits"):
            assert set(container["resources"][kind]) == {"cpu", "memory"}, (service, kind)


def test_probes_and_shutdown(built: dict[str, list[Doc]], overlay: str) -> None:
    config = _config(built[overlay])
    for deployment in _service_deployments(built[overlay]).values():
        container = _container(deployment)
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        (port,) = container["ports"]
        assert port["name"] == "http"
        assert str(port["containerPort"]) == config["STX_HTTP_PORT"]
        grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        graceful = float(
            config.get("STX_GRACEFUL_TIMEOUT_SECONDS", catalog.GRACEFUL_TIMEOUT_SECONDS)
        )
        assert grace > catalog.PRE_STOP_SECONDS + graceful + 5
    assert config["STX_HTTP_HOST"] == "0.0.0.0"  # noqa: S104 - containers listen on the pod IP


def test_environment_and_image_per_overlay(built: dict[str, list[Doc]]) -> None:
    assert _config(built["dev"])["STX_ENVIRONMENT"] == "dev"
    assert _config(built["prod"])["STX_ENVIRONMENT"] == "prod"
    assert _config(built["prod"])["STX_JWT_JWKS_URL"].startswith("https://")
    for overlay, image in (("dev", "stx:dev"), ("prod", "registry.invalid/stx/stx:0.1.0")):
        for deployment in _service_deployments(built[overlay]).values():
            assert _container(deployment)["image"] == image


def test_every_reference_resolves(built: dict[str, list[Doc]], overlay: str) -> None:
    """ConfigMaps and Secrets a pod or KEDA reads exist in the output, are created by Strimzi
    (a KafkaUser or the cluster CA of the Kafka in the output), or — prod only — are the
    Secrets production creates, with the keys secrets.example.yaml documents."""
    docs = built[overlay]
    present = {(doc["kind"], doc["metadata"]["name"]) for doc in docs}
    users = set(by_name(docs, "KafkaUser"))
    kafka_names = set(by_name(docs, "Kafka"))
    example = K8S_DIR / "overlays" / "prod" / "secrets.example.yaml"
    documented = {
        doc["metadata"]["name"]: set(doc["stringData"])
        for doc in yaml.safe_load_all(example.read_text("utf-8"))
        if doc
    }
    for kind, name, key in _references(docs):
        if (kind, name) in present:
            continue
        if kind == "Secret" and name in STRIMZI_SECRETS:
            assert name in users or name in {f"{k}-cluster-ca-cert" for k in kafka_names}, name
            continue
        missing = f"overlays/{overlay}: {kind} {name} is referenced but nothing creates it"
        assert overlay == "prod", missing
        assert kind == "Secret", missing
        assert name in PROD_SECRETS, missing
        assert key is None or key in documented[name], f"{name}/{key} not in secrets.example.yaml"


def _references(docs: list[Doc]) -> list[tuple[str, str, str | None]]:
    refs: list[tuple[str, str, str | None]] = []
    for doc in docs:
        if doc["kind"] == "TriggerAuthentication":
            refs += [("Secret", r["name"], r["key"]) for r in doc["spec"]["secretTargetRef"]]
        if doc["kind"] not in {"Deployment", "StatefulSet", "Job"}:
            continue
        pod = doc["spec"]["template"]["spec"]
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                refs.append(("ConfigMap", source["configMapRef"]["name"], None))
            for env in container.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    refs.append(("Secret", ref["name"], ref["key"]))
        for volume in pod.get("volumes", []):
            if "secret" in volume:
                refs.append(("Secret", volume["secret"]["secretName"], None))
    return refs


def test_network_policies_allow_only_what_is_needed(
    built: dict[str, list[Doc]], overlay: str
) -> None:
    docs = built[overlay]
    policies = of_kind(docs, "NetworkPolicy")
    for service in SERVICES:
        labels = _service_deployments(docs)[service]["spec"]["template"]["metadata"]["labels"]
        applying = [
            p for p in policies if p["spec"]["podSelector"]["matchLabels"].items() <= labels.items()
        ]
        ingress_ports = {
            port["port"]
            for p in applying
            for rule in p["spec"].get("ingress", [])
            for port in rule["ports"]
        }
        assert ingress_ports == {"http"}, service
        egress_ports = {
            port["port"]
            for p in applying
            for rule in p["spec"].get("egress", [])
            for port in rule["ports"]
        }
        allowed = ALLOWED_EGRESS | (NOTIFICATIONS_EGRESS if service == "notifications" else set())
        assert {53, 9093, 27017} <= egress_ports <= allowed, (service, egress_ports)
        for policy in applying:
            for rule in policy["spec"].get("egress", []):
                assert rule.get("ports"), f"{policy['metadata']['name']}: egress to every port"


def test_kafka_topics_per_overlay(built: dict[str, list[Doc]]) -> None:
    for overlay, brokers in (("dev", 1), ("prod", 3)):
        docs = built[overlay]
        (pool,) = of_kind(docs, "KafkaNodePool")
        assert pool["spec"]["replicas"] == brokers
        assert sorted(pool["spec"]["roles"]) == ["broker", "controller"]
        (kafka,) = of_kind(docs, "Kafka")
        config = kafka["spec"]["kafka"]["config"]
        assert config["default.replication.factor"] <= brokers
        assert config["offsets.topic.replication.factor"] <= brokers
        assert config["min.insync.replicas"] <= config["default.replication.factor"]
        assert config["auto.create.topics.enable"] is False
        listeners = {item["name"]: item for item in kafka["spec"]["kafka"]["listeners"]}
        # Services on the internal TLS listener; agencies on an external one, prod only.
        assert set(listeners) == ({"tls", "external"} if overlay == "prod" else {"tls"})
        for listener in listeners.values():
            assert listener["tls"] is True
            assert listener["authentication"] == {"type": "scram-sha-512"}
        assert kafka["spec"]["kafka"]["authorization"]["type"] == "simple"
        topics = {doc["spec"]["topicName"]: doc["spec"] for doc in of_kind(docs, "KafkaTopic")}
        assert set(topics) == {spec.name for spec in TOPICS}
        for spec in TOPICS:
            built_spec = topics[spec.name]
            assert built_spec["partitions"] == spec.partitions
            if overlay == "dev":
                assert built_spec["replicas"] == 1
                assert built_spec["config"] == {**spec.config(), "min.insync.replicas": "1"}
            else:
                assert built_spec["replicas"] == spec.replication_factor <= brokers
                assert built_spec["config"] == spec.config()
                assert int(built_spec["config"]["min.insync.replicas"]) < built_spec["replicas"]


def test_scaling_per_overlay(built: dict[str, list[Doc]]) -> None:
    for overlay, minimum in (("dev", 1), ("prod", 2)):
        for scaled in of_kind(built[overlay], "ScaledObject"):
            spec = scaled["spec"]
            service = scaled["metadata"]["name"].removeprefix("stx-")
            assert spec["minReplicaCount"] == minimum
            assert spec["maxReplicaCount"] == catalog.service_io(service).max_replicas()
            assert spec["minReplicaCount"] <= spec["maxReplicaCount"]
            (auth,) = {t["authenticationRef"]["name"] for t in spec["triggers"]}
            assert auth in by_name(built[overlay], "TriggerAuthentication")


def test_mongodb_in_cluster_only_in_dev(built: dict[str, list[Doc]]) -> None:
    assert "stx-mongodb" in by_name(built["dev"], "StatefulSet")
    assert not of_kind(built["prod"], "StatefulSet")
    (secret,) = [
        s
        for s in of_kind(built["dev"], "Secret")
        if s["metadata"]["name"].startswith("stx-mongodb")
    ]
    assert set(secret["data"]) == {f"{service}-url" for service in SERVICES}
    assert not [
        s
        for s in of_kind(built["prod"], "Secret")
        if re.match(r"stx-(mongodb|jwt)", s["metadata"]["name"])
    ]


def test_the_portal_is_published_over_tls_and_reaches_only_the_listings_api(
    built: dict[str, list[Doc]], overlay: str
) -> None:
    docs = built[overlay]
    deployment = by_name(docs, "Deployment")["stx-portal"]
    container = _container(deployment)
    pod = deployment["spec"]["template"]["spec"]
    assert container["args"] == ["services.portal"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["STX_PORTAL_LISTINGS_URL"] == f"http://stx-listings:{catalog.HTTP_PORT}"
    [feeds] = [e for e in container["env"] if e["name"] == "STX_PORTAL_FEEDS_URL"]
    source = feeds["valueFrom"]["configMapKeyRef"]
    assert source["name"] == _config_name(docs)
    assert source["key"] in _config(docs)

    ingress = by_name(docs, "Ingress")["stx-portal"]
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"]
    (tls,) = ingress["spec"]["tls"]
    (rule,) = ingress["spec"]["rules"]
    assert tls["hosts"] == [rule["host"]]
    (path,) = rule["http"]["paths"]
    backend = path["backend"]["service"]
    service = by_name(docs, "Service")[backend["name"]]
    assert backend["port"]["name"] in {p["name"] for p in service["spec"]["ports"]}
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]

    policy = by_name(docs, "NetworkPolicy")["stx-portal"]
    egress_to = [rule.get("to", []) for rule in policy["spec"]["egress"]]
    selected = [peer["podSelector"]["matchLabels"] for peers in egress_to for peer in peers]
    assert {"app.kubernetes.io/name": "listings", **catalog.PART_OF} in selected
    listings_policy = by_name(docs, "NetworkPolicy")["stx-listings"]
    portal_labels = deployment["spec"]["template"]["metadata"]["labels"]
    admitted = [
        peer["podSelector"]["matchLabels"]
        for rule in listings_policy["spec"]["ingress"]
        for peer in rule["from"]
        if "podSelector" in peer
    ]
    assert any(labels.items() <= portal_labels.items() for labels in admitted)


def _config_name(docs: list[Doc]) -> str:
    (name,) = [
        doc["metadata"]["name"]
        for doc in of_kind(docs, "ConfigMap")
        if doc["metadata"]["name"].startswith("stx-config")
    ]
    return str(name)
