"""English of the refusals the broker console and the reviewers' pages word themselves: the
API's field refusals (`domain/field_errors.py`, `domain/desk_refusals.py`), the names of the
fields they are shown beside, and the pages' own refusals. A refusal the portal does not word
(an API's message after "Không hợp lệ: ") stays as the API wrote it."""

from __future__ import annotations

from typing import Final

_FIELD_ERRORS: Final = {
    # domain/field_errors.py
    "Bắt buộc nhập.": "Required.",
    "Quá ngắn: tối thiểu {limit} ký tự.": "Too short: at least {limit} characters.",
    "Quá dài: tối đa {limit} ký tự.": "Too long: at most {limit} characters.",
    "Cần ít nhất {limit} mục.": "At least {limit} item(s) needed.",
    "Tối đa {limit} mục.": "At most {limit} items.",
    "Giá trị nhỏ nhất là {limit}.": "The smallest value is {limit}.",
    "Giá trị lớn nhất là {limit}.": "The largest value is {limit}.",
    "Phải lớn hơn {limit}.": "Must be more than {limit}.",
    "Phải nhỏ hơn {limit}.": "Must be less than {limit}.",
    "Phải là một số nguyên.": "Must be a whole number.",
    "Ngày không hợp lệ (dd/mm/yyyy).": "Not a valid day (dd/mm/yyyy).",
    "Chọn ngày và giờ.": "Choose a day and a time.",
    "Giá trị không có trong danh sách.": "Not a value of the list.",
    "Chọn có hoặc không.": "Choose yes or no.",
    "Không đúng định dạng.": "Not in the expected format.",
    "Không hợp lệ: {message}": "Not valid: {message}",
    "Chọn một tổ chức đã được Sở xác minh.": ("Choose an organisation verified by the Department."),
}

_DESK_RULES: Final = {
    # domain/desk_refusals.py: the techmart's rules
    "Sự kiện chỉ kết thúc được khi đã bắt đầu.": "An event can be closed only once it started.",
    "Sự kiện đã hủy: không thay đổi được gì nữa.": (
        "The event is cancelled: nothing can change any more."
    ),
    "Sự kiện đã kết thúc: không thay đổi được gì nữa.": (
        "The event is closed: nothing can change any more."
    ),
    "Đơn vị này không còn đăng ký nào để hủy.": (
        "This organisation has no registration left to cancel."
    ),
    "Chỉ ghi kết quả khi cuộc gặp đã bắt đầu.": "Record an outcome once the meeting has begun.",
    "Cuộc gặp này đã bị hủy.": "This meeting was cancelled.",
    "Không có cuộc gặp này trong lịch của sự kiện.": "The event's schedule has no such meeting.",
    "Có cuộc gặp đã ghim sẽ nằm ngoài số phiên hoặc số bàn: đổi phiên, bàn hoặc bỏ ghim.": (
        "A pinned meeting would fall outside the slots or tables: move it or unpin it."
    ),
    "Tên sự kiện từ 3 đến 300 ký tự.": "The title has 3 to 300 characters.",
    "Địa điểm tối đa 300 ký tự.": "The venue has at most 300 characters.",
    "Đường dẫn trực tuyến bắt đầu bằng https://": "The online link starts with https://",
    "Chọn ít nhất một lĩnh vực trọng tâm.": "Choose at least one focus sector.",
    "Số đơn vị tham gia tối đa từ 1 đến 5000.": "The maximum of participants is 1 to 5000.",
    "Mỗi phiên gặp từ 5 đến 240 phút.": "A slot lasts 5 to 240 minutes.",
    "Từ 1 đến 64 phiên gặp.": "From 1 to 64 slots.",
    "Từ 1 đến 500 bàn gặp.": "From 1 to 500 tables.",
    "Chọn một phiên trong lịch của sự kiện.": "Choose one of the event's slots.",
    "Chọn một bàn của sự kiện.": "Choose one of the event's tables.",
    # domain/event_form.py
    "Kiểm tra lại kế hoạch: cần địa điểm hoặc đường dẫn trực tuyến (https://…); hạn đăng ký "
    "không sau giờ bắt đầu; các phiên gặp (số phiên × số phút) phải nằm trong thời gian sự kiện.": (
        "Check the plan: it needs a venue or an online link (https://…); the registration "
        "deadline is not after the start; the meeting slots (slots × minutes) fit within the "
        "event."
    ),
    # domain/event_desk.py: the names of the desk's fields
    "Lý do hủy": "Reason for cancelling",
    "Số biên bản ghi nhớ (MoU) đã ký": "MoUs signed",
    "Cuộc gặp cần ghim": "Meeting to pin",
    "Phiên": "Slot",
    "Cuộc gặp thứ nhất": "First meeting",
    "Cuộc gặp thứ hai": "Second meeting",
    "Cuộc gặp và đơn vị được ghi": "Meeting and the side recorded for",
    # service/event_desk.py
    "Chưa xếp được lịch: {words}": "Not scheduled: {words}",
    "Chưa hủy được đăng ký: {words}": "The registration was not cancelled: {words}",
    "Chọn hai cuộc gặp khác nhau.": "Choose two different meetings.",
}

_PAGES: Final = {
    # service/moderation.py, registration.py, pipeline.py, reviews.py, dossiers.py
    "Không thực hiện được: {detail}": "Not done: {detail}",
    "Tổ chức này đã được xác minh trước đó.": "This organisation was verified before.",
    "Không tìm thấy tin chào bán hoặc đặt hàng đã công bố với mã này.": (
        "No published offer or demand has this id."
    ),
    "Chưa đề xuất được: {detail}": "Not proposed: {detail}",
    "Mỗi tiêu chí chấm một điểm nguyên từ 0 đến 10.": (
        "Give each criterion a whole number from 0 to 10."
    ),
    "Chưa lưu được phiếu chấm: {detail}": "The scorecard was not saved: {detail}",
    "Nêu lý do xung đột lợi ích (ít nhất 3 ký tự).": (
        "Give the reason for the conflict of interest (at least 3 characters)."
    ),
    "Chọn tổ chức đã nộp hồ sơ giấy.": "Choose the organisation that filed the paper dossier.",
    "Tổ chức này chưa đăng ký trên sàn: chọn một tổ chức trong danh sách.": (
        "This organisation is not registered on the exchange: choose one from the list."
    ),
    # the error pages of the broker's and reviewers' routes
    "Trang này dành cho cán bộ môi giới của Sở.": "This page is for the Department's brokers.",
    "Trang này dành cho thành viên hội đồng xét chọn.": "This page is for the review board.",
    "Không tìm thấy tổ chức này.": "This organisation was not found.",
    "Không tìm thấy đơn vị này.": "This organisation was not found.",
    "Không tìm thấy hồ sơ này.": "This file was not found.",
}

DESK_REFUSALS: Final[dict[str, str]] = {**_FIELD_ERRORS, **_DESK_RULES, **_PAGES}
