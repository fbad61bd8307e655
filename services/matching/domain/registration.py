"""When a transfer contract must be registered (Law on Technology Transfer 2017, art. 31.1).

    a) from abroad into Vietnam;
    b) from Vietnam abroad;
    c) at home, using state capital or the state budget — unless the result being transferred
       already holds the registration certificate of its S&T task's result.

Every other transfer may be registered voluntarily (art. 31.2) but need not be.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.events.vocabulary import TransferDirection


@dataclass(frozen=True)
class ContractFacts:
    """What the rule looks at: the contract's direction and money, the result's certificate."""

    direction: TransferDirection
    state_capital: bool
    """The buyer pays with state capital or the state budget."""
    state_funded_result: bool
    """The technology is the result of a state-funded S&T task."""
    task_result_registered: bool
    """That result holds the registration certificate of the task's result."""


def registration_basis(facts: ContractFacts) -> str | None:
    """The clause that makes registration mandatory, or None when it is voluntary."""
    if facts.direction is TransferDirection.INTO_VIETNAM:
        return "art. 31.1.a (technology transferred into Vietnam)"
    if facts.direction is TransferDirection.OUT_OF_VIETNAM:
        return "art. 31.1.b (technology transferred out of Vietnam)"
    if facts.task_result_registered:
        return None  # the exception of 31.1.c covers both kinds of state money
    if facts.state_funded_result:
        return "art. 31.1.c (a state-funded result without its task result's certificate)"
    if facts.state_capital:
        return "art. 31.1.c (a domestic transfer paid with state capital or budget)"
    return None
