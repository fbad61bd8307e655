"""Base classes of every event payload and of every model read at an edge."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from shared.text import nfc_deep


class EdgeModel(BaseModel):
    """A model filled from outside (HTTP, import, Kafka): every string arrives NFC-normalised."""

    model_config = ConfigDict(str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return nfc_deep(data)


class Event(EdgeModel):
    """The `data` of one CloudEvent. One subclass per event type and schema version.

    Unknown fields are ignored on read, so producers may add optional fields within a
    version without breaking any consumer (the v1 compatibility promise).
    """

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    ce_type: ClassVar[str]
    """`stx.<aggregate>.<past-tense verb>`."""
    schema_version: ClassVar[int] = 1
    topic: ClassVar[str]
    subject_field: ClassVar[str]
    """The payload field holding the aggregate id: the CloudEvents subject and record key."""

    @property
    def subject(self) -> str:
        return str(getattr(self, self.subject_field))

    @classmethod
    def dataschema(cls) -> str:
        """`urn:stx:schema:<type without the stx. prefix>:<version>`."""
        return f"urn:stx:schema:{cls.ce_type.removeprefix('stx.')}:{cls.schema_version}"
