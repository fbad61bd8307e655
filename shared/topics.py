"""The one registry of Kafka topics.

The local launcher, the tests and the Kubernetes `KafkaTopic` manifests are all generated
from this table, so partitions, retention and visibility are decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

DAY_MS: Final = 24 * 60 * 60 * 1000


class Visibility(StrEnum):
    PUBLIC = "public"
    """Part of the public contract: agencies may read it."""
    INTERNAL = "internal"
    """Between STX services only; carries personal data. Agencies get no ACL on it."""
    DLQ = "dlq"
    """Dead letters of one consuming service, read by ops tools."""


@dataclass(frozen=True)
class TopicSpec:
    name: str
    description: str
    visibility: Visibility
    partitions: int = 6
    replication_factor: int = 3
    min_insync_replicas: int = 2
    retention_ms: int = -1
    cleanup_policy: str = "delete"
    extra_config: dict[str, str] = field(default_factory=dict)

    def config(self) -> dict[str, str]:
        """Topic-level configuration, as Kafka (and Strimzi) expect it."""
        return {
            "retention.ms": str(self.retention_ms),
            "cleanup.policy": self.cleanup_policy,
            "min.insync.replicas": str(self.min_insync_replicas),
            **self.extra_config,
        }


ORGANIZATIONS: Final = "stx.organizations.v1"
LISTINGS: Final = "stx.listings.v1"
MATCHES: Final = "stx.matches.v1"
CONNECTIONS: Final = "stx.connections.v1"
INDICATORS: Final = "stx.indicators.v1"
AWARDS: Final = "stx.awards.v1"
NOTIFICATIONS: Final = "stx.notifications.v1"
CONTACTS: Final = "stx.internal.contacts.v1"
MODERATION: Final = "stx.internal.moderation.v1"

SERVICES: Final = ("listings", "matching", "notifications", "awards")


def dlq_topic(service: str) -> str:
    """The dead-letter topic of one consuming service."""
    return f"stx.dlq.{service}"


_PUBLIC_RETENTION_MS: Final = -1  # the history is the contract: agencies may replay from the start
_DLQ_RETENTION_MS: Final = 30 * DAY_MS

TOPICS: Final[tuple[TopicSpec, ...]] = (
    TopicSpec(
        ORGANIZATIONS,
        "Organisations and experts registered, verified, updated (public profile only).",
        Visibility.PUBLIC,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        LISTINGS,
        "Technology offers and demands through their lifecycle (public snapshot, no PII).",
        Visibility.PUBLIC,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        MATCHES,
        "Match proposals between offers and demands, and the parties' responses.",
        Visibility.PUBLIC,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        CONNECTIONS,
        "Introductions up to a closed deal; connection events, registrations, meetings.",
        Visibility.PUBLIC,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        INDICATORS,
        "Market indicators (Decision 1158/QĐ-TTg style) per closed period.",
        Visibility.PUBLIC,
        partitions=1,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        AWARDS,
        "Award programmes, nominations and results (no reviewer identities or scores).",
        Visibility.PUBLIC,
        retention_ms=_PUBLIC_RETENTION_MS,
    ),
    TopicSpec(
        NOTIFICATIONS,
        "Notification delivery outcomes (subscriber ids only, never addresses).",
        Visibility.PUBLIC,
        retention_ms=90 * DAY_MS,
    ),
    TopicSpec(
        CONTACTS,
        "Private contact details of organisations (e-mail, phone). Internal: never on a "
        "public topic, never readable by agencies.",
        Visibility.INTERNAL,
        cleanup_policy="compact",
    ),
    TopicSpec(
        MODERATION,
        "Listings submitted for moderation and returned to their owners with the broker's "
        "feedback. Internal: the public sees a listing only once it is published.",
        Visibility.INTERNAL,
        retention_ms=365 * DAY_MS,
    ),
    *(
        TopicSpec(
            dlq_topic(service),
            f"Records the {service} service could not process, with the reason in headers.",
            Visibility.DLQ,
            partitions=1,
            retention_ms=_DLQ_RETENTION_MS,
        )
        for service in SERVICES
    ),
)


def topic(name: str) -> TopicSpec:
    for spec in TOPICS:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown topic {name!r}: add it to shared.topics.TOPICS")


def public_topics() -> tuple[TopicSpec, ...]:
    return tuple(t for t in TOPICS if t.visibility is Visibility.PUBLIC)
