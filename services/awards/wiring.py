"""The awards use cases built on MongoDB and the outbox (used by `app.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from services.awards.certificates import CertificateRenderer
from services.awards.repository import AwardsRepository
from services.awards.service import (
    Calendar,
    Evidence,
    Nominations,
    Programmes,
    Results,
    Reviews,
)
from services.awards.settings import AwardsSettings
from shared.clock import Clock
from shared.outbox import Outbox


@dataclass(frozen=True)
class UseCases:
    programmes: Programmes
    nominations: Nominations
    reviews: Reviews
    results: Results
    evidence: Evidence
    calendar: Calendar


def build_use_cases(
    repository: AwardsRepository, outbox: Outbox, settings: AwardsSettings, clock: Clock
) -> UseCases:
    certificates = CertificateRenderer(
        settings.certificate_font,
        settings.certificate_font_bold,
        settings.certificate_issuer,
        settings.province_name,
    )
    evidence = Evidence(repository, outbox, clock)
    programmes = Programmes(repository, outbox, clock)
    results = Results(repository, outbox, certificates, clock)
    return UseCases(
        programmes=programmes,
        nominations=Nominations(repository, outbox, evidence, clock),
        reviews=Reviews(repository, outbox, clock),
        results=results,
        evidence=evidence,
        calendar=Calendar(repository, programmes, results, clock),
    )
