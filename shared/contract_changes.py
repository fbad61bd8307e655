"""What may change in a v1 schema: the additive rule (`breaking_changes`), and the documented
changes it alone would refuse.

An event type leaves a public topic only through an entry here: `shared.contract` refuses any
other move, the AsyncAPI document names the move in the topic's description, and
`docs/consumers.md` lists it with its reason. Subscribers that handled the type stop seeing it;
nothing else of the topic changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from shared.topics import LISTINGS, MODERATION

_ANNOTATIONS: Final = {"description", "examples", "title", "default", "deprecated"}


def breaking_changes(old: Mapping[str, Any], new: Mapping[str, Any], where: str = "") -> list[str]:
    """What a consumer written against `old` would trip over in `new`."""
    problems: list[str] = []
    removed_members = set(old.get("enum", [])) - set(new.get("enum", []))
    if removed_members:
        problems.append(
            f"{where or 'enum'}: values removed: {', '.join(sorted(map(str, removed_members)))}"
        )
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, old_prop in old_props.items():
        if name not in new_props:
            problems.append(f"{where}.{name}: removed or renamed".lstrip("."))
        elif _shape(old_prop) != _shape(new_props[name]):
            problems.append(f"{where}.{name}: type changed".lstrip("."))
    for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
        problems.append(f"{where}.{name}: newly required".lstrip("."))
    for def_name, old_def in old.get("$defs", {}).items():
        new_def = new.get("$defs", {}).get(def_name)
        if new_def is None:
            problems.append(f"$defs.{def_name}: removed")
        else:
            problems.extend(breaking_changes(old_def, new_def, f"{def_name}"))
    return problems


def _shape(node: Any) -> Any:
    """A schema without its annotations or enum members (new members are additive; removed ones
    are reported by `breaking_changes`)."""
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items() if k not in _ANNOTATIONS and k != "enum"}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


@dataclass(frozen=True)
class MovedOffPublicTopic:
    ce_type: str
    public_topic: str
    to_topic: str
    since: str
    reason: str

    def sentence(self) -> str:
        return f"`{self.ce_type}` is no longer published here since {self.since}: {self.reason}"


_UNMODERATED: Final = (
    "moderation traffic (unapproved content, the broker's comment to the owner) is not public; "
    "agencies see a listing once it is published, as the public does"
)

MOVED_OFF_PUBLIC_TOPICS: Final[tuple[MovedOffPublicTopic, ...]] = (
    MovedOffPublicTopic("stx.listing.submitted", LISTINGS, MODERATION, "2026-12", _UNMODERATED),
    MovedOffPublicTopic("stx.listing.returned", LISTINGS, MODERATION, "2026-12", _UNMODERATED),
)


def documented_move(ce_type: str, from_topic: str, to_topic: str) -> bool:
    return any(
        (m.ce_type, m.public_topic, m.to_topic) == (ce_type, from_topic, to_topic)
        for m in MOVED_OFF_PUBLIC_TOPICS
    )


def moved_off(topic: str) -> list[MovedOffPublicTopic]:
    return [m for m in MOVED_OFF_PUBLIC_TOPICS if m.public_topic == topic]
