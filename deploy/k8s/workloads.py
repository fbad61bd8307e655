"""Each service's Deployment, Service, PodDisruptionBudget and NetworkPolicy, from one template."""

from __future__ import annotations

from typing import Any

from deploy.k8s.catalog import (
    HTTP_PORT,
    IMAGE,
    INGRESS_NAMESPACES,
    KAFKA_CA_MOUNT,
    KAFKA_CA_SECRET,
    KAFKA_CLUSTER,
    PART_OF,
    PRE_STOP_SECONDS,
    TERMINATION_GRACE_SECONDS,
    UID,
    ServiceIO,
)

POD_SECURITY: dict[str, Any] = {
    "runAsNonRoot": True,
    "runAsUser": UID,
    "runAsGroup": UID,
    "fsGroup": UID,
    "seccompProfile": {"type": "RuntimeDefault"},
}
CONTAINER_SECURITY: dict[str, Any] = {
    "runAsNonRoot": True,
    "allowPrivilegeEscalation": False,
    "readOnlyRootFilesystem": True,
    "capabilities": {"drop": ["ALL"]},
}
"""Every STX pod runs as the image's non-root user, read-only, with no capability."""
ROLLING_UPDATE: dict[str, Any] = {
    "type": "RollingUpdate",
    "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0},
}
"""A new pod is ready before an old one goes."""
SCRAPED: dict[str, str] = {
    "prometheus.io/scrape": "true",
    "prometheus.io/port": str(HTTP_PORT),
    "prometheus.io/path": "/metrics",
}
PORTAL_SELECTOR = {"app.kubernetes.io/name": "portal", **PART_OF}
DNS_EGRESS: dict[str, Any] = {
    "to": [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
            "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
        }
    ],
    "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
}


def _selector(io: ServiceIO) -> dict[str, str]:
    return {"app.kubernetes.io/name": io.name, **PART_OF}


def _labels(io: ServiceIO) -> dict[str, str]:
    return {**_selector(io), "app.kubernetes.io/component": "service"}


def _env(io: ServiceIO) -> list[dict[str, Any]]:
    return [
        {"name": "STX_KAFKA_SASL_USERNAME", "value": f"stx-{io.name}"},
        {
            "name": "STX_KAFKA_SASL_PASSWORD",
            "valueFrom": {"secretKeyRef": {"name": f"stx-{io.name}", "key": "password"}},
        },
        {
            "name": "STX_MONGODB_URL",
            "valueFrom": {"secretKeyRef": {"name": "stx-mongodb", "key": f"{io.name}-url"}},
        },
        {
            # Optional: production normally verifies tokens with STX_JWT_JWKS_URL (ConfigMap).
            "name": "STX_JWT_SECRET",
            "valueFrom": {"secretKeyRef": {"name": "stx-jwt", "key": "secret", "optional": True}},
        },
        # Only the ingress controller reaches the pods (NetworkPolicy): trust its
        # X-Forwarded-For, so per-client limits see the client, not the ingress.
        {"name": "STX_FORWARDED_ALLOW_IPS", "value": "*"},
        *io.extra_env,
    ]


def http_probe(path: str, period: int, failures: int) -> dict[str, Any]:
    return {
        "httpGet": {"path": path, "port": "http"},
        "periodSeconds": period,
        "timeoutSeconds": 3,
        "failureThreshold": failures,
    }


def deployment(io: ServiceIO) -> dict[str, Any]:
    container = {
        "name": io.name,
        "image": IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "args": [f"services.{io.name}"],
        "ports": [{"name": "http", "containerPort": HTTP_PORT, "protocol": "TCP"}],
        "envFrom": [{"configMapRef": {"name": "stx-config"}}],
        "env": _env(io),
        "resources": {"requests": dict(io.requests), "limits": dict(io.limits)},
        "startupProbe": http_probe("/healthz", 2, 60),
        "livenessProbe": http_probe("/healthz", 10, 3),
        "readinessProbe": http_probe("/readyz", 5, 2),
        "lifecycle": {
            "preStop": {
                "exec": {
                    "command": ["python", "-c", f"import time; time.sleep({PRE_STOP_SECONDS})"]
                }
            }
        },
        "securityContext": CONTAINER_SECURITY,
        "volumeMounts": [
            {"name": "tmp", "mountPath": "/tmp"},
            {"name": "kafka-ca", "mountPath": KAFKA_CA_MOUNT, "readOnly": True},
        ],
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": f"stx-{io.name}", "labels": _labels(io)},
        "spec": {
            # No `replicas`: the KEDA ScaledObject (its HPA) owns the replica count.
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": _selector(io)},
            "strategy": ROLLING_UPDATE,
            "template": {
                "metadata": {
                    "labels": _labels(io),
                    "annotations": SCRAPED,
                },
                "spec": {
                    "automountServiceAccountToken": False,
                    # Service links would inject STX_*_PORT=tcp://… variables that our settings
                    # (prefix STX_) could mistake for their own.
                    "enableServiceLinks": False,
                    "terminationGracePeriodSeconds": TERMINATION_GRACE_SECONDS,
                    "securityContext": POD_SECURITY,
                    "topologySpreadConstraints": [
                        {
                            "maxSkew": 1,
                            "topologyKey": "kubernetes.io/hostname",
                            "whenUnsatisfiable": "ScheduleAnyway",
                            "labelSelector": {"matchLabels": _selector(io)},
                        }
                    ],
                    "containers": [container],
                    "volumes": [
                        {"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}},
                        {
                            "name": "kafka-ca",
                            "secret": {
                                "secretName": KAFKA_CA_SECRET,
                                "items": [{"key": "ca.crt", "path": "ca.crt"}],
                            },
                        },
                    ],
                },
            },
        },
    }


def service(io: ServiceIO) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": f"stx-{io.name}", "labels": _labels(io)},
        "spec": {
            "type": "ClusterIP",
            "selector": _selector(io),
            "ports": [{"name": "http", "port": HTTP_PORT, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def pod_disruption_budget(io: ServiceIO) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": f"stx-{io.name}", "labels": _labels(io)},
        # maxUnavailable, not minAvailable: a single-replica dev deployment stays drainable.
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": _selector(io)}},
    }


def _tcp(*ports: int) -> list[dict[str, Any]]:
    return [{"protocol": "TCP", "port": port} for port in ports]


def network_policy(io: ServiceIO) -> dict[str, Any]:
    egress: list[dict[str, Any]] = [
        DNS_EGRESS,
        {
            "to": [
                {
                    "podSelector": {
                        "matchLabels": {
                            "strimzi.io/cluster": KAFKA_CLUSTER,
                            "strimzi.io/broker-role": "true",
                        }
                    }
                }
            ],
            "ports": _tcp(9093),
        },
        # MongoDB: the in-cluster dev replica set or the external production one. Narrow it
        # with an ipBlock of the replica set's addresses in the prod overlay when known.
        {"ports": _tcp(27017)},
    ]
    if io.extra_egress_ports:
        egress.append({"ports": _tcp(*io.extra_egress_ports)})
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": f"stx-{io.name}", "labels": _labels(io)},
        "spec": {
            "podSelector": {"matchLabels": _selector(io)},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [
                {
                    "from": [
                        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": ns}}}
                        for ns in INGRESS_NAMESPACES
                    ],
                    "ports": [{"protocol": "TCP", "port": "http"}],
                },
                {
                    # The portal's pages read the services' APIs inside the namespace.
                    "from": [{"podSelector": {"matchLabels": PORTAL_SELECTOR}}],
                    "ports": [{"protocol": "TCP", "port": "http"}],
                },
            ],
            "egress": egress,
        },
    }
