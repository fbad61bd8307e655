"""Eligibility rules of a category: declarative objects an admin configures, evaluated purely.

Each rule yields a `RuleOutcome` whose reason says, in Vietnamese and English, what the rule
asks and what the evidence shows, e.g. "an enterprise needs at least 1 signed
technology-transfer contract in the period (has 0)".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.awards.domain.activity import ActivitySnapshot, Measure, ValueMeasure
from services.awards.domain.wording import KINDS, MEASURES, NOMINEE, Label, plural_en, vnd
from shared.events.nominations import EligibilityReason
from shared.events.vocabulary import OrganizationKind


class Nominee(BaseModel):
    """An organisation or expert known to the exchange, as the nomination sees it."""

    model_config = ConfigDict(frozen=True)

    organization_id: str
    name: str
    kind: OrganizationKind
    verified: bool


class RuleOutcome(EligibilityReason):
    model_config = ConfigDict(frozen=True)


class _ScopedRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    applies_to: list[OrganizationKind] = Field(
        default_factory=list,
        description="Kinds of nominee the rule concerns; empty: every nominee.",
    )

    def _who(self, nominee: Nominee) -> Label:
        return KINDS[nominee.kind] if self.applies_to else NOMINEE

    def _skipped(self, rule: str, nominee: Nominee) -> RuleOutcome | None:
        if not self.applies_to or nominee.kind in self.applies_to:
            return None
        kind = KINDS[nominee.kind]
        return RuleOutcome(
            rule=rule,
            passed=True,
            reason_vi=f"Không áp dụng cho {kind.vi.lower()}.",
            reason_en=f"does not apply to {kind.en}",
        )


class MinimumActivity(_ScopedRule):
    """At least `at_least` of something in the period (contracts signed, deals closed...)."""

    kind: Literal["minimum_activity"] = "minimum_activity"
    measure: Measure
    at_least: int = Field(ge=1)

    def check(self, nominee: Nominee, snapshot: ActivitySnapshot) -> RuleOutcome:
        skipped = self._skipped(self.kind, nominee)
        if skipped is not None:
            return skipped
        has = snapshot.count(self.measure)
        what, who = MEASURES[self.measure], self._who(nominee)
        return RuleOutcome(
            rule=self.kind,
            passed=has >= self.at_least,
            reason_vi=f"{who.vi} cần ít nhất {self.at_least} {what.vi} trong kỳ xét "
            f"(hiện có {has}).",
            reason_en=f"{who.en} needs at least {plural_en(self.at_least, what.en)} "
            f"in the period (has {has})",
        )


class MinimumValue(_ScopedRule):
    """A total value in VND of at least `at_least_vnd` in the period."""

    kind: Literal["minimum_value"] = "minimum_value"
    measure: ValueMeasure
    at_least_vnd: int = Field(ge=1)

    def check(self, nominee: Nominee, snapshot: ActivitySnapshot) -> RuleOutcome:
        skipped = self._skipped(self.kind, nominee)
        if skipped is not None:
            return skipped
        has = snapshot.count(self.measure)
        what, who = MEASURES[self.measure], self._who(nominee)
        return RuleOutcome(
            rule=self.kind,
            passed=has >= self.at_least_vnd,
            reason_vi=f"{who.vi} cần {what.vi} trong kỳ xét từ {vnd(self.at_least_vnd)} "
            f"(hiện có {vnd(has)}).",
            reason_en=f"{who.en} needs a {what.en} of at least {self.at_least_vnd:,} VND "
            f"in the period (has {has:,} VND)",
        )


class NomineeKinds(BaseModel):
    """The category is for some kinds of nominee only (e.g. enterprises and cooperatives)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["nominee_kind"] = "nominee_kind"
    allowed: list[OrganizationKind] = Field(min_length=1)

    def check(self, nominee: Nominee, snapshot: ActivitySnapshot) -> RuleOutcome:
        allowed_vi = ", ".join(KINDS[k].vi.lower() for k in self.allowed)
        allowed_en = ", ".join(KINDS[k].en for k in self.allowed)
        is_kind = KINDS[nominee.kind]
        return RuleOutcome(
            rule=self.kind,
            passed=nominee.kind in self.allowed,
            reason_vi=f"Hạng mục dành cho: {allowed_vi} (đối tượng là {is_kind.vi.lower()}).",
            reason_en=f"the category is for {allowed_en} (the nominee is {is_kind.en})",
        )


class VerifiedNominee(BaseModel):
    """The nominee's identity was verified by a broker of the Department."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["verified_nominee"] = "verified_nominee"

    def check(self, nominee: Nominee, snapshot: ActivitySnapshot) -> RuleOutcome:
        if nominee.verified:
            return RuleOutcome(
                rule=self.kind,
                passed=True,
                reason_vi="Đã được Sở xác minh danh tính.",
                reason_en="identity verified by the Department",
            )
        return RuleOutcome(
            rule=self.kind,
            passed=False,
            reason_vi="Cần được Sở xác minh danh tính trên sàn.",
            reason_en="needs its identity verified by the Department on the exchange",
        )


EligibilityRule = Annotated[
    MinimumActivity | MinimumValue | NomineeKinds | VerifiedNominee, Field(discriminator="kind")
]


def evaluate(
    rules: Sequence[EligibilityRule], nominee: Nominee, snapshot: ActivitySnapshot
) -> list[RuleOutcome]:
    return [rule.check(nominee, snapshot) for rule in rules]


def is_eligible(outcomes: Sequence[RuleOutcome]) -> bool:
    """Every rule met; a category with no rules admits every known nominee."""
    return all(outcome.passed for outcome in outcomes)
