"""Vietnamese names of the contract's values, as a visitor reads them."""

from __future__ import annotations

from typing import Final

from shared import labels as shared_labels

KINDS: Final = {"offer": "Chào bán công nghệ", "demand": "Đặt hàng công nghệ"}

SECTORS: Final = shared_labels.SECTORS["vi"]

ORGANIZATION_KINDS: Final = {
    "university": "Trường đại học",
    "research_institute": "Viện, trung tâm nghiên cứu",
    "enterprise": "Doanh nghiệp",
    "cooperative": "Hợp tác xã",
    "individual_expert": "Chuyên gia",
    "intermediary": "Tổ chức trung gian",
    "agency": "Cơ quan nhà nước",
    "association": "Hội, hiệp hội",
    "science_technology_enterprise": "Doanh nghiệp khoa học và công nghệ",
    "technology_valuation": "Tổ chức định giá công nghệ",
    "technology_assessment": "Tổ chức đánh giá, giám định công nghệ",
}


def label(table: dict[str, str], value: str | None) -> str:
    """The Vietnamese name; a value added to the contract later shows as itself, never fails."""
    if value is None:
        return ""
    return table.get(value, value)


STATES = {
    "draft": "Bản nháp",
    "submitted": "Chờ duyệt",
    "returned": "Trả lại để sửa",
    "published": "Đã công bố",
    "expired": "Hết hạn",
    "fulfilled": "Đã chuyển giao",
    "withdrawn": "Đã rút",
}

RETURN_REASONS: Final = shared_labels.RETURN_REASONS["vi"]

SCORE_AXES = {
    "clarity": "Rõ ràng",
    "completeness": "Đầy đủ",
    "commercial_relevance": "Giá trị thương mại",
}

EVENT_KINDS = {
    "techmart": "Chợ công nghệ (techmart)",
    "demo_day": "Ngày trình diễn công nghệ",
    "b2b_session": "Phiên kết nối B2B",
    "workshop": "Hội thảo",
}

EVENT_STATES = {
    "announced": "Sắp diễn ra",
    "cancelled": "Đã hủy",
    "closed": "Đã kết thúc",
}

PROGRAMME_STATES = {
    "open": "Đang nhận đề cử",
    "in_review": "Đang xét chọn",
    "published": "Đã công bố kết quả",
}

AWARD_LEVELS = {"award": "Bằng khen", "merit": "Giấy khen"}
