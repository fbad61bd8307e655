"""What a webhook delivery keeps of its source event: the CloudEvent (attributes and the data's
JSON), recorded when the delivery is queued and POSTed as it is (`delivery/webhook.py`)."""

from __future__ import annotations

from typing import Any

from shared.events.envelope import Envelope, rfc3339


def cloudevent_of(envelope: Envelope) -> dict[str, Any]:
    attributes = {
        "specversion": "1.0",
        "id": envelope.id,
        "source": envelope.source,
        "type": envelope.type,
        "subject": envelope.subject,
        "time": rfc3339(envelope.time),
        "dataschema": envelope.data.dataschema(),
        "correlationid": envelope.correlation_id,
    }
    return {
        "attributes": {k: v for k, v in attributes.items() if v},
        "data": envelope.data.model_dump_json(),
    }
