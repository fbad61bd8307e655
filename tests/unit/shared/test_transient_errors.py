"""Which failures a consumer retries (then rewinds) instead of dead-lettering the record."""

from __future__ import annotations

import pytest
from pymongo.errors import OperationFailure, PyMongoError

from shared.consuming import is_transient


@pytest.mark.parametrize(
    "label", ["TransientTransactionError", "RetryableWriteError", "UnknownTransactionCommitResult"]
)
def test_store_errors_labelled_retryable_are_transient(label: str) -> None:
    assert is_transient(PyMongoError("commit failed", error_labels=[label]))


def test_a_store_error_without_a_retry_label_is_not_transient() -> None:
    assert not is_transient(OperationFailure("document failed validation", code=121))


def test_a_programming_error_is_not_transient() -> None:
    assert not is_transient(KeyError("listing"))
