"""Deterministic ids: the same (offer, demand) pair always has the same match and introduction."""

from __future__ import annotations

import hashlib

MATCH_PREFIX = "mat_"
INTRODUCTION_PREFIX = "itr_"


def match_id_of(offer_id: str, demand_id: str) -> str:
    """`mat_` + the first 16 hex digits of sha256(`offer_id|demand_id`)."""
    digest = hashlib.sha256(f"{offer_id}|{demand_id}".encode()).hexdigest()
    return MATCH_PREFIX + digest[:16]


def introduction_id_of(match_id: str) -> str:
    """The introduction a match opens shares its digest: `mat_3f1c…` opens `itr_3f1c…`."""
    return INTRODUCTION_PREFIX + match_id.removeprefix(MATCH_PREFIX)
