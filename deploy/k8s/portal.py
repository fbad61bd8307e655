"""The portal's workload: Deployment, Service, PodDisruptionBudget, NetworkPolicy and the
Ingress that publishes it over TLS.

Unlike the event services it has no broker, store or KEDA scaling: a fixed pair of replicas
that reach the listings API in the namespace and are reached only through the ingress
controller. TLS comes from cert-manager: the `cert-manager.io/cluster-issuer` annotation names
the issuer, which writes the certificate into `stx-portal-tls` (docs/runbook.md).
"""

from __future__ import annotations

from typing import Any, Final

from deploy.k8s.catalog import HTTP_PORT, IMAGE, INGRESS_NAMESPACES, PART_OF
from deploy.k8s.workloads import (
    CONTAINER_SECURITY,
    DNS_EGRESS,
    POD_SECURITY,
    PORTAL_SELECTOR,
    ROLLING_UPDATE,
    SCRAPED,
    http_probe,
)

NAME: Final = "stx-portal"
SELECTOR: Final = PORTAL_SELECTOR
LABELS: Final = {**SELECTOR, "app.kubernetes.io/component": "portal"}
HOST: Final = "sangiaodich.khcn.quangngai.gov.vn"
"""The public host name; an overlay patches it (and the TLS host) for another deployment."""
CLUSTER_ISSUER: Final = "letsencrypt-production"
TLS_SECRET: Final = "stx-portal-tls"  # noqa: S105 - the name of the Secret cert-manager writes
REPLICAS: Final = 2
READS: Final = ("listings", "matching", "awards", "notifications")
"""The services whose APIs the pages read (notifications: the sign-up for news, `/nhan-tin`)."""
SESSION_SECRET: Final = "stx-portal"  # noqa: S105 - the name of the Secret holding the key


def deployment() -> dict[str, Any]:
    container = {
        "name": "portal",
        "image": IMAGE,
        "imagePullPolicy": "IfNotPresent",
        "args": ["services.portal"],
        "ports": [{"name": "http", "containerPort": HTTP_PORT, "protocol": "TCP"}],
        "envFrom": [{"configMapRef": {"name": "stx-config"}}],
        "env": [
            {"name": "STX_PORTAL_LISTINGS_URL", "value": f"http://stx-listings:{HTTP_PORT}"},
            {"name": "STX_PORTAL_MATCHING_URL", "value": f"http://stx-matching:{HTTP_PORT}"},
            {"name": "STX_PORTAL_AWARDS_URL", "value": f"http://stx-awards:{HTTP_PORT}"},
            {
                "name": "STX_PORTAL_NOTIFICATIONS_URL",
                "value": f"http://stx-notifications:{HTTP_PORT}",
            },
            {
                # The feeds' public address is the notifications service's, set by the overlay.
                "name": "STX_PORTAL_FEEDS_URL",
                "valueFrom": {
                    "configMapKeyRef": {
                        "name": "stx-config",
                        "key": "STX_NOTIFICATIONS_PUBLIC_BASE_URL",
                        "optional": True,
                    }
                },
            },
            {
                "name": "STX_JWT_SECRET",
                "valueFrom": {
                    "secretKeyRef": {"name": "stx-jwt", "key": "secret", "optional": True}
                },
            },
            {
                # prod refuses to start without it (the sign-in cookie's HMAC key)
                "name": "STX_PORTAL_SESSION_SECRET",
                "valueFrom": {"secretKeyRef": {"name": SESSION_SECRET, "key": "session-secret"}},
            },
            {
                # the portal's client at the province's identity provider (OpenID Connect)
                "name": "STX_PORTAL_OIDC_CLIENT_SECRET",
                "valueFrom": {
                    "secretKeyRef": {
                        "name": SESSION_SECRET,
                        "key": "oidc-client-secret",
                        "optional": True,
                    }
                },
            },
            {"name": "STX_FORWARDED_ALLOW_IPS", "value": "*"},
        ],
        "resources": {
            "requests": {"cpu": "50m", "memory": "128Mi"},
            "limits": {"cpu": "500m", "memory": "256Mi"},
        },
        "startupProbe": http_probe("/healthz", 2, 30),
        "livenessProbe": http_probe("/healthz", 10, 3),
        "readinessProbe": http_probe("/readyz", 5, 2),
        "securityContext": CONTAINER_SECURITY,
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": NAME, "labels": LABELS},
        "spec": {
            "replicas": REPLICAS,
            "revisionHistoryLimit": 5,
            "selector": {"matchLabels": SELECTOR},
            "strategy": ROLLING_UPDATE,
            "template": {
                "metadata": {
                    "labels": LABELS,
                    "annotations": SCRAPED,
                },
                "spec": {
                    "automountServiceAccountToken": False,
                    "enableServiceLinks": False,
                    "terminationGracePeriodSeconds": 30,
                    "securityContext": POD_SECURITY,
                    "containers": [container],
                    "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
                },
            },
        },
    }


def service() -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": NAME, "labels": LABELS},
        "spec": {
            "type": "ClusterIP",
            "selector": SELECTOR,
            "ports": [{"name": "http", "port": HTTP_PORT, "targetPort": "http", "protocol": "TCP"}],
        },
    }


def pod_disruption_budget() -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": NAME, "labels": LABELS},
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": SELECTOR}},
    }


def network_policy() -> dict[str, Any]:
    """In: the ingress controller and Prometheus. Out: DNS and the APIs it reads only."""
    apis = {
        "to": [
            {"podSelector": {"matchLabels": {"app.kubernetes.io/name": name, **PART_OF}}}
            for name in READS
        ],
        "ports": [{"protocol": "TCP", "port": HTTP_PORT}],
    }
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": NAME, "labels": LABELS},
        "spec": {
            "podSelector": {"matchLabels": SELECTOR},
            "policyTypes": ["Ingress", "Egress"],
            "ingress": [
                {
                    "from": [
                        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": ns}}}
                        for ns in INGRESS_NAMESPACES
                    ],
                    "ports": [{"protocol": "TCP", "port": "http"}],
                }
            ],
            "egress": [DNS_EGRESS, apis],
        },
    }


def ingress() -> dict[str, Any]:
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {
            "name": NAME,
            "labels": LABELS,
            "annotations": {
                "cert-manager.io/cluster-issuer": CLUSTER_ISSUER,
                "nginx.ingress.kubernetes.io/ssl-redirect": "true",
                "nginx.ingress.kubernetes.io/proxy-body-size": "2m",
            },
        },
        "spec": {
            "ingressClassName": "nginx",
            "tls": [{"hosts": [HOST], "secretName": TLS_SECRET}],
            "rules": [
                {
                    "host": HOST,
                    "http": {
                        "paths": [
                            {
                                "path": "/",
                                "pathType": "Prefix",
                                "backend": {"service": {"name": NAME, "port": {"name": "http"}}},
                            }
                        ]
                    },
                }
            ],
        },
    }


def portal_manifests() -> list[dict[str, Any]]:
    return [deployment(), service(), pod_disruption_budget(), network_policy(), ingress()]
