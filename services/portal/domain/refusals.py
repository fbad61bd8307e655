"""A form the API refused, with each field's problem as the API reported it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class FormRefusedError(Exception):
    def __init__(
        self, errors: Sequence[Mapping[str, Any]], detail: str = "", code: str = ""
    ) -> None:
        super().__init__(detail or "refused")
        self.errors = list(errors)
        self.detail = detail
        self.code = code
        """The problem's code (the last part of its `type` URN), naming the rule refused."""
