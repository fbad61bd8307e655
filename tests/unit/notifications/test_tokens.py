"""Confirm and unsubscribe links: signed, expiring, single-purpose."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.notifications.domain import tokens
from services.notifications.domain.tokens import (
    ExpiredTokenError,
    InvalidTokenError,
    TokenPurpose,
)
from tests.unit.notifications.samples import NOW

SECRET = "stx-notifications-test-secret-0123456789"
RECIPIENT = "subscription:sub_bao_quang_ngai"


def unsubscribe_token(expires_in: timedelta = timedelta(days=90)) -> str:
    return tokens.issue(SECRET, TokenPurpose.UNSUBSCRIBE, RECIPIENT, NOW + expires_in)


def test_a_genuine_token_names_its_recipient() -> None:
    assert tokens.verify(SECRET, TokenPurpose.UNSUBSCRIBE, unsubscribe_token(), NOW) == RECIPIENT


def test_a_token_signed_with_another_secret_is_forged() -> None:
    forged = tokens.issue("attacker-secret", TokenPurpose.UNSUBSCRIBE, RECIPIENT, NOW)
    with pytest.raises(InvalidTokenError, match="not issued"):
        tokens.verify(SECRET, TokenPurpose.UNSUBSCRIBE, forged, NOW)


def test_a_token_whose_recipient_was_swapped_is_forged() -> None:
    genuine = unsubscribe_token()
    other = tokens.issue(SECRET, TokenPurpose.UNSUBSCRIBE, "subscription:sub_khac", NOW)
    swapped = other.split(".")[0] + "." + genuine.split(".")[1]
    with pytest.raises(InvalidTokenError):
        tokens.verify(SECRET, TokenPurpose.UNSUBSCRIBE, swapped, NOW)


def test_an_expired_token_is_refused_as_expired() -> None:
    with pytest.raises(ExpiredTokenError):
        tokens.verify(
            SECRET, TokenPurpose.UNSUBSCRIBE, unsubscribe_token(timedelta(seconds=-1)), NOW
        )


def test_a_confirm_token_cannot_unsubscribe() -> None:
    confirm = tokens.issue(SECRET, TokenPurpose.CONFIRM, RECIPIENT, NOW + timedelta(hours=1))
    with pytest.raises(InvalidTokenError, match="not a unsubscribe link"):
        tokens.verify(SECRET, TokenPurpose.UNSUBSCRIBE, confirm, NOW)


@pytest.mark.parametrize("damaged", ["", "abc", "abc.def", "!!!.???", unsubscribe_token()[:-3]])
def test_a_damaged_token_is_invalid(damaged: str) -> None:
    with pytest.raises(InvalidTokenError):
        tokens.verify(SECRET, TokenPurpose.UNSUBSCRIBE, damaged, NOW)
