"""What an offer or a demand says: the owner-editable content and the rules it must follow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.listings.domain.errors import InvalidInputError, Violation
from shared.events.assets import IpRight, OcopProduct, TaskResultCertificate
from shared.events.vocabulary import (
    IpCategory,
    IpRightStatus,
    IpStatus,
    ListingKind,
    RightsMode,
    Sector,
    TransferForm,
    TransferMethod,
    TransferObject,
)

MAX_VND = 10**14  # a hundred trillion đồng: anything above is a typo, not a price
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Product = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RegistrationNumber = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]
Link = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]
Trl = Annotated[int, Field(ge=1, le=9, description="Technology readiness level 1–9.")]
Vnd = Annotated[int, Field(ge=0, le=MAX_VND, description="Amount in VND.")]

_UNREGISTERED_IP = frozenset({IpCategory.TRADE_SECRET, IpCategory.COPYRIGHT})
# Registered IP rights come with a number (application, patent, certificate); secrets don't.
_NUMBERED_IP = frozenset(
    {
        IpStatus.PATENT_PENDING,
        IpStatus.PATENT_GRANTED,
        IpStatus.UTILITY_SOLUTION,
        IpStatus.INDUSTRIAL_DESIGN,
        IpStatus.PLANT_VARIETY,
    }
)


class ListingTerms(BaseModel):
    """The content of an offer ("chào bán") or a demand ("đặt hàng"), as its owner wrote it."""

    model_config = ConfigDict(frozen=True)

    kind: ListingKind = Field(description="`offer` or `demand`.", examples=["offer"])
    title: str = Field(
        min_length=5,
        max_length=300,
        description="Title in Vietnamese.",
        examples=["Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô"],
    )
    title_en: str | None = Field(default=None, max_length=300)
    summary: str = Field(min_length=10, max_length=2000, description="One paragraph.")
    description: str = Field(
        min_length=10, max_length=20_000, description="Offer: the technology; demand: the problem."
    )
    description_en: str | None = Field(default=None, max_length=20_000)
    desired_outcome: str | None = Field(
        default=None, max_length=5000, description="Demands: the expected outcome (required)."
    )
    sector: Sector = Field(description="Priority sector.", examples=["medicinal_herbs"])
    keywords: list[Keyword] = Field(default_factory=list, max_length=20)
    trl: Trl | None = Field(default=None, description="Offers: TRL 1–9 (required).")
    min_trl: Trl | None = Field(default=None, description="Demands: lowest acceptable TRL.")
    transfer_objects: list[TransferObject] = Field(default_factory=list, max_length=7)
    ip_status: IpStatus = IpStatus.NONE
    ip_registration_numbers: list[RegistrationNumber] = Field(default_factory=list, max_length=20)
    ip_rights: list[IpRight] = Field(
        default_factory=list, max_length=20, description="Offers: each IP right, with its number."
    )
    transfer_forms: list[TransferForm] = Field(default_factory=list, max_length=7)
    transfer_methods: list[TransferMethod] = Field(default_factory=list, max_length=5)
    rights_mode: RightsMode | None = None
    price_vnd: Vnd | None = Field(default=None, description="Offers: asking price, VND.")
    price_negotiable: bool = False
    budget_min_vnd: Vnd | None = None
    budget_max_vnd: Vnd | None = None
    state_funded: bool = Field(default=False, description="Offers: a state-funded result.")
    funding_task_code: str | None = Field(default=None, max_length=100)
    task_result_certificate: TaskResultCertificate | None = Field(
        default=None, description="State-funded offers: the result's registration certificate."
    )
    related_products: list[Product] = Field(default_factory=list, max_length=10)
    ocop_products: list[OcopProduct] = Field(default_factory=list, max_length=10)
    location_code: str | None = Field(
        default=None,
        pattern=r"^\d{2,5}$",
        description="GSO code of today's province or commune (a former province, district or "
        "commune only in a catalogue import: kept as given, resolved to today's units).",
        examples=["23425"],
    )
    valid_until: date | None = Field(default=None, description="Last day the listing is valid.")
    deadline: date | None = Field(default=None, description="Demands: wanted by this day.")
    attachments: list[Link] = Field(default_factory=list, max_length=10)
    anonymous: bool = Field(default=False, description="Demands: hide the owner from the public.")


Rule = Callable[[ListingTerms, date], Iterator[Violation]]


def _offer_rules(t: ListingTerms, _: date) -> Iterator[Violation]:
    if t.kind is not ListingKind.OFFER:
        return
    if t.trl is None:
        yield Violation("trl", "an offer must state its TRL (1–9)")
    if not t.transfer_objects:
        yield Violation("transfer_objects", "an offer must say what is transferred")
    if t.price_vnd is None and not t.price_negotiable:
        yield Violation("price_vnd", "give a price in VND or set price_negotiable")
    for name in ("min_trl", "budget_min_vnd", "budget_max_vnd", "desired_outcome", "deadline"):
        if getattr(t, name) is not None:
            yield Violation(name, f"{name} applies to demands only")
    if t.anonymous:
        yield Violation("anonymous", "only a demand may stay anonymous")


def _demand_rules(t: ListingTerms, _: date) -> Iterator[Violation]:
    if t.kind is not ListingKind.DEMAND:
        return
    if not t.desired_outcome:
        yield Violation("desired_outcome", "a demand must describe the desired outcome")
    low, high = t.budget_min_vnd, t.budget_max_vnd
    if low is not None and high is not None and low > high:
        yield Violation("budget_min_vnd", "budget_min_vnd must not exceed budget_max_vnd")
    for name in ("trl", "price_vnd", "rights_mode", "funding_task_code", "task_result_certificate"):
        if getattr(t, name) is not None:
            yield Violation(name, f"{name} applies to offers only")
    if t.transfer_objects or t.price_negotiable or t.state_funded or t.ip_rights:
        message = "transfer_objects, price_negotiable, state_funded, ip_rights are for offers"
        yield Violation("kind", message)


def _funding_rules(t: ListingTerms, _: date) -> Iterator[Violation]:
    if t.state_funded and not t.funding_task_code:
        yield Violation("funding_task_code", "a state-funded result must name its task code")
    if t.funding_task_code and not t.state_funded:
        yield Violation("funding_task_code", "a task code is given only with state_funded")
    if t.task_result_certificate is not None and not t.state_funded:
        message = "a task result certificate is given only with state_funded"
        yield Violation("task_result_certificate", message)


def _ip_rules(t: ListingTerms, _: date) -> Iterator[Violation]:
    if t.ip_status is IpStatus.NONE and t.ip_registration_numbers:
        yield Violation("ip_registration_numbers", "registration numbers need an ip_status")
    if t.ip_status in _NUMBERED_IP and not t.ip_registration_numbers:
        message = f"ip_status {t.ip_status.value} needs its application or registration number"
        yield Violation("ip_registration_numbers", message)
    for i, right in enumerate(t.ip_rights):
        yield from _ip_right_rules(right, f"ip_rights.{i}")


def _ip_right_rules(right: IpRight, where: str) -> Iterator[Violation]:
    """A granted title has a number; a trade secret is never registered, and only secrets and
    copyright are protected without registration."""
    unregistered = right.status is IpRightStatus.UNREGISTERED
    if right.status is IpRightStatus.GRANTED and right.number is None:
        yield Violation(f"{where}.number", f"a granted {right.category.value} needs its number")
    if right.category is IpCategory.TRADE_SECRET and not unregistered:
        yield Violation(f"{where}.status", "a trade secret is protected without registration")
    if unregistered and right.category not in _UNREGISTERED_IP:
        message = f"a {right.category.value} is protected only once applied for or granted"
        yield Violation(f"{where}.status", message)
    if unregistered and right.number is not None:
        yield Violation(f"{where}.number", "an unregistered right has no number")
    if right.granted_on is not None and right.status is not IpRightStatus.GRANTED:
        yield Violation(f"{where}.granted_on", "granted_on is given only for a granted right")


def _date_rules(t: ListingTerms, today: date) -> Iterator[Violation]:
    for name in ("valid_until", "deadline"):
        day: date | None = getattr(t, name)
        if day is not None and day < today:
            yield Violation(name, f"{name} {day.isoformat()} is in the past")


RULES: tuple[Rule, ...] = (_offer_rules, _demand_rules, _funding_rules, _ip_rules, _date_rules)


def violations(terms: ListingTerms, today: date) -> list[Violation]:
    """Every broken rule at once, so an owner fixes the whole form in one go."""
    return [v for rule in RULES for v in rule(terms, today)]


def check(terms: ListingTerms, today: date) -> None:
    found = violations(terms, today)
    if found:
        raise InvalidInputError(found)
