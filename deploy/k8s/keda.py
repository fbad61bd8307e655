"""KEDA `ScaledObject`s: each service scales on its consumer group's lag."""

from __future__ import annotations

from typing import Any

from deploy.k8s.catalog import (
    KAFKA_BOOTSTRAP,
    KEDA_AUTH,
    LAG_THRESHOLD,
    PART_OF,
    ServiceIO,
)


def scaled_object(io: ServiceIO) -> dict[str, Any]:
    max_replicas = io.max_replicas()
    return {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "ScaledObject",
        "metadata": {
            "name": f"stx-{io.name}",
            "labels": {"app.kubernetes.io/name": io.name, **PART_OF},
        },
        "spec": {
            "scaleTargetRef": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": f"stx-{io.name}",
            },
            "pollingInterval": 15,
            "cooldownPeriod": 300,
            "minReplicaCount": 1,
            "maxReplicaCount": max_replicas,
            "fallback": {"failureThreshold": 5, "replicas": min(2, max_replicas)},
            "advanced": {
                "horizontalPodAutoscalerConfig": {
                    "behavior": {
                        "scaleDown": {
                            "stabilizationWindowSeconds": 300,
                            "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}],
                        }
                    }
                }
            },
            "triggers": [
                {
                    "type": "kafka",
                    "metadata": {
                        "bootstrapServers": KAFKA_BOOTSTRAP,
                        "consumerGroup": io.consumer_group,
                        "lagThreshold": str(LAG_THRESHOLD),
                        "offsetResetPolicy": "earliest",
                        "allowIdleConsumers": "false",
                    },
                    "authenticationRef": {"name": KEDA_AUTH},
                }
            ],
        },
    }
