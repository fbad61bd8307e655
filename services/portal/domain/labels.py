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


TRANSFER_OBJECTS: Final = {
    "know_how": "Bí quyết công nghệ, kiến thức kỹ thuật",
    "process": "Quy trình công nghệ",
    "design": "Phương án, giải pháp kỹ thuật, bản thiết kế",
    "software_data": "Phần mềm, dữ liệu",
    "equipment_with_know_how": "Máy móc, thiết bị đi kèm công nghệ",
    "rationalisation_solution": "Sáng kiến, giải pháp hợp lý hóa sản xuất",
    "ip_right": "Quyền sở hữu trí tuệ đi kèm công nghệ",
}
"""What is transferred (Law on Technology Transfer 2017, art. 4)."""


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

DECLINE_REASONS = {
    "too_early_stage": "Công nghệ còn ở giai đoạn quá sớm",
    "price": "Giá, kinh phí không phù hợp",
    "unclear_benefit": "Chưa rõ hiệu quả, lợi ích",
    "wrong_sector": "Không đúng lĩnh vực cần",
    "other": "Lý do khác",
}

MATCH_STATES = {
    "proposed": "Chờ trả lời",
    "accepted": "Hai bên cùng quan tâm: đã giới thiệu",
    "declined": "Đã từ chối",
    "expired": "Hết hạn trả lời",
    "retracted": "Đã rút lại",
}

STAGES = {
    "opened": "Đã giới thiệu hai bên",
    "meeting_held": "Đã gặp gỡ trao đổi",
    "mou_signed": "Đã ký biên bản ghi nhớ",
    "contract_signed": "Đã ký hợp đồng chuyển giao",
    "contract_registered": "Đã đăng ký hợp đồng chuyển giao",
    "deal_closed": "Đã hoàn tất chuyển giao",
    "ended": "Đã dừng",
}

NEXT_STEPS = {
    "opened": "Hẹn gặp, trao đổi trực tiếp giữa hai bên.",
    "meeting_held": "Thống nhất và ký biên bản ghi nhớ (MoU).",
    "mou_signed": "Đàm phán và ký hợp đồng chuyển giao công nghệ.",
    "contract_signed": "Đăng ký hợp đồng chuyển giao tại Sở Khoa học và Công nghệ.",
    "contract_registered": "Thực hiện hợp đồng và ghi nhận hoàn tất chuyển giao.",
}

PARTICIPANT_ROLES = {
    "supplier": "Bên cung ứng: mang công nghệ chào bán",
    "seeker": "Bên có nhu cầu: mang đặt hàng công nghệ",
    "both": "Cả hai",
}

REGISTRATION_STATES = {
    "registered": "Đã đăng ký",
    "waitlisted": "Trong danh sách chờ",
    "cancelled": "Đã hủy",
}

NOMINATION_STATES = {
    "submitted": "Đã nộp, đang nhận hồ sơ",
    "withdrawn": "Đã rút",
    "in_review": "Đang xét chọn",
    "finalist": "Vào chung khảo, chờ quyết định",
    "rejected": "Không được chọn",
    "awarded": "Được tặng Bằng khen",
    "merit": "Được tặng Giấy khen",
    "not_awarded": "Không được khen thưởng",
}

MEETING_OUTCOMES = {
    "held": "Đã gặp",
    "no_show": "Bên kia không đến",
    "follow_up_wanted": "Đã gặp, muốn tiếp tục trao đổi",
}

MEETING_REQUEST_STATES = {
    "sent": "Chờ trả lời",
    "accepted": "Đã nhận lời: được ưu tiên khi xếp lịch",
    "declined": "Đã từ chối",
    "expired": "Hết hạn",
}
