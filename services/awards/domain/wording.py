"""How the domain names things to people, in Vietnamese and English."""

from __future__ import annotations

from typing import NamedTuple

from services.awards.domain.activity import Measure, ValueMeasure
from shared.events.vocabulary import OrganizationKind


class Label(NamedTuple):
    vi: str
    en: str


MEASURES: dict[Measure | ValueMeasure, Label] = {
    Measure.OFFERS_PUBLISHED: Label(
        "chào bán công nghệ được công bố", "published technology offer"
    ),
    Measure.DEMANDS_PUBLISHED: Label(
        "đặt hàng công nghệ được công bố", "published technology demand"
    ),
    Measure.MATCHES_ACCEPTED: Label("đề xuất kết nối được chấp nhận", "accepted match proposal"),
    Measure.INTRODUCTIONS_OPENED: Label("lượt giới thiệu kết nối", "introduction"),
    Measure.MOUS_SIGNED: Label("biên bản ghi nhớ đã ký", "signed MoU"),
    Measure.CONTRACTS_SIGNED: Label(
        "hợp đồng chuyển giao công nghệ đã ký", "signed technology-transfer contract"
    ),
    Measure.CONTRACTS_REGISTERED: Label(
        "hợp đồng chuyển giao công nghệ đã đăng ký", "registered technology-transfer contract"
    ),
    Measure.DEALS_CLOSED: Label("giao dịch đã hoàn tất", "closed deal"),
    Measure.STATE_FUNDED_RESULTS_TRANSFERRED: Label(
        "kết quả nghiên cứu sử dụng ngân sách nhà nước đã chuyển giao",
        "transferred state-funded research result",
    ),
    Measure.CONNECTION_EVENTS_ATTENDED: Label(
        "sự kiện kết nối cung cầu đã tham dự", "attended connection event"
    ),
    ValueMeasure.CONTRACT_VALUE_VND: Label(
        "tổng giá trị hợp đồng đã ký", "total value of signed contracts"
    ),
    ValueMeasure.DEAL_VALUE_VND: Label(
        "tổng giá trị giao dịch đã hoàn tất", "total value of closed deals"
    ),
}

KINDS: dict[OrganizationKind, Label] = {
    OrganizationKind.UNIVERSITY: Label("Trường đại học", "a university"),
    OrganizationKind.RESEARCH_INSTITUTE: Label("Viện nghiên cứu", "a research institute"),
    OrganizationKind.ENTERPRISE: Label("Doanh nghiệp", "an enterprise"),
    OrganizationKind.COOPERATIVE: Label("Hợp tác xã", "a cooperative"),
    OrganizationKind.INDIVIDUAL_EXPERT: Label("Chuyên gia", "an expert"),
    OrganizationKind.INTERMEDIARY: Label("Tổ chức trung gian", "an intermediary organisation"),
    OrganizationKind.AGENCY: Label("Cơ quan nhà nước", "a state agency"),
    OrganizationKind.ASSOCIATION: Label("Hiệp hội", "an association"),
    OrganizationKind.SCIENCE_TECHNOLOGY_ENTERPRISE: Label(
        "Doanh nghiệp khoa học và công nghệ", "a science and technology enterprise"
    ),
    OrganizationKind.TECHNOLOGY_VALUATION: Label(
        "Tổ chức định giá công nghệ", "a technology valuation organisation"
    ),
    OrganizationKind.TECHNOLOGY_ASSESSMENT: Label(
        "Tổ chức đánh giá, giám định công nghệ", "a technology assessment organisation"
    ),
}

NOMINEE = Label("Đối tượng được đề cử", "the nominee")


def vnd(amount: int) -> str:
    """`1.200.000.000 đồng`: Vietnamese groups thousands with dots."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def plural_en(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
