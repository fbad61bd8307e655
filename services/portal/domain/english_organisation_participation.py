"""English for the rest of an organisation's pages (`english_organisation.py` has the listings,
the import, the matches and the sign-up): nominations, news subscriptions, a techmart's
registration and meeting requests; the vocabularies of their view models, by code; and the field
refusals the portal words itself (`domain/field_errors.py`), by rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from services.portal.domain import labels, my_subscriptions, nominations
from services.portal.domain.desk_refusals import RULE_WORDS
from services.portal.domain.field_errors import FIELD_RULES, MESSAGES
from services.portal.domain.meeting_requests import REQUEST_NOTICES


def by_code(vietnamese: Mapping[str, str], english: Mapping[str, str]) -> dict[str, str]:
    """A vocabulary's English, keyed by the Vietnamese the view model shows for each code."""
    return {vietnamese[code]: words for code, words in english.items()}


_PAGES: Final = {
    # nominations.html, service/nominations.py
    "Đề cử tôn vinh": "Award nominations",
    "Đã nộp đề cử.": "The nomination was submitted.",
    "Đơn vị được đề cử": "Nominee",
    "Hạng mục|column": "Category",  # the award pages' "Hạng mục" lists them: "Categories"
    "tự đề cử": "self-nominated",
    "Chưa có đề cử nào của hoặc cho đơn vị.": "No nomination by or for your organisation yet.",
    "Nộp đề cử mới": "A new nomination",
    "Chương trình và hạng mục": "Programme and category",
    "Mã đơn vị được đề cử (để trống nếu tự đề cử)": (
        "The nominee's organisation id (empty to nominate yourself)"
    ),
    "Thành tích (ít nhất 20 ký tự)": "Achievements (20 characters or more)",
    "Đường dẫn minh chứng (mỗi dòng một đường dẫn)": "Links to evidence (one a line)",
    "Nộp đề cử": "Submit the nomination",
    "Hiện không có chương trình tôn vinh nào đang nhận đề cử.": (
        "No award programme is taking nominations now."
    ),
    "Xem các chương trình": "See the programmes",
    "Chưa nộp được đề cử: {reason}": "Not submitted: {reason}",
    # my_subscriptions.html, service/news.py
    "Tin đã đăng ký nhận": "My news subscriptions",
    "Những đăng ký nhận tin tổ chức đã gửi khi đăng nhập.": (
        "The subscriptions your organisation made while signed in."
    ),
    "Đăng ký nhận thêm tin": "Subscribe to more news",
    "Mỗi e-mail cũng có liên kết hủy đăng ký.": "Every e-mail also has an unsubscribe link.",
    "Nhịp gửi": "How often",
    "Ngay khi có tin": "As soon as there is news",
    "Tổ chức chưa đăng ký nhận tin nào khi đăng nhập.": (
        "Your organisation has no subscription made while signed in."
    ),
    "Chỉ tạm dừng hoặc tiếp tục được sau khi địa chỉ e-mail đã được xác nhận.": (
        "A subscription can be paused or resumed only once its e-mail address is confirmed."
    ),
    # event_registration.html, service/participation.py, domain/participation.py
    "hạn đăng ký": "register by",
    "Đã hủy đăng ký của đơn vị và các cuộc gặp B2B của đơn vị; đơn vị đầu danh sách chờ (nếu "
    "có) được nhận chỗ.": (
        "Your registration and your B2B meetings are cancelled; the first organisation on the "
        "waiting list (if any) takes the seat."
    ),
    "Đơn vị đã đăng ký sự kiện này:": "Your organisation is registered for this event:",
    "Chưa hủy được đăng ký:": "Not cancelled:",
    "Hủy đăng ký": "Cancel the registration",
    "Tôi xác nhận hủy đăng ký: các cuộc gặp B2B của đơn vị tại sự kiện bị hủy và chỗ được "
    "nhường cho đơn vị đầu danh sách chờ.": (
        "I confirm the cancellation: your B2B meetings at the event are cancelled and the seat "
        "goes to the first organisation on the waiting list."
    ),
    "Hủy đăng ký của đơn vị": "Cancel your organisation's registration",
    "Đánh dấu ô xác nhận nếu đơn vị thật sự muốn hủy đăng ký.": (
        "Tick the confirmation box if your organisation really wants to cancel."
    ),
    # Also the news sign-up's (english.py): words that fit a subscription and a registration.
    "Chưa đăng ký được: vui lòng sửa các ô được đánh dấu.": (
        "Not sent yet: please correct the marked fields."
    ),
    "Chưa đăng ký được.": "Not registered.",
    "Đơn vị tham gia với tư cách": "Your organisation takes part as",
    "Tin của đơn vị mang đến sự kiện": "Your listings brought to the event",
    "Đơn vị chưa có tin nào đã công bố.": "Your organisation has no published listing yet.",
    "Đăng tin": "Post one",
    "trước khi đăng ký.": "before registering.",
    "Số cuộc gặp B2B tối đa (để trống nếu không giới hạn)": (
        "Maximum number of B2B meetings (empty for no limit)"
    ),
    "Đăng ký|button": "Register",
    # meeting_requests.html, service/meeting_requests.py
    "Đề nghị gặp": "Meeting requests",
    "Đề nghị gặp B2B|heading": "B2B meeting requests",  # the event page's link: "Ask for…"
    "Đề nghị đơn vị nhận được": "Requests you received",
    "Từ đơn vị": "From",
    "Ngày gửi": "Sent on",
    "Trả lời": "Answer",
    "Nhận lời gặp": "Accept to meet",
    "Nhận lời": "Accept",
    "Từ chối gặp": "Decline to meet",
    "Từ chối": "Decline",
    "Chưa có đề nghị nào.": "No request yet.",
    "Đề nghị đơn vị đã gửi": "Requests you sent",
    "Đến đơn vị": "To",
    "Chưa gửi đề nghị nào.": "No request sent yet.",
    "Gửi đề nghị gặp": "Ask to meet",
    "Chưa gửi được: vui lòng sửa các ô sau.": "Not sent yet: please correct these fields.",
    "Chỉ đơn vị đã đăng ký tham gia (không trong danh sách chờ) mới gửi được đề nghị gặp.": (
        "Only a registered organisation (not on the waiting list) can ask to meet."
    ),
    "Chưa có đơn vị nào khác đăng ký tham gia.": "No other organisation has registered yet.",
    "Đơn vị muốn gặp": "Organisation to meet",
    "Chọn đơn vị": "Choose an organisation",
    "Nội dung muốn trao đổi": "What you want to discuss",
    "← Trang sự kiện và lịch gặp của đơn vị": "← The event's page and your meetings",
    "Chưa gửi được đề nghị.": "The request was not sent.",
    "Chưa trả lời được: {reason}": "Not answered: {reason}",
}

_VOCABULARIES: Final = {
    **by_code(labels.STATES, {
        "draft": "Draft", "submitted": "Awaiting review", "returned": "Returned for changes",
        "published": "Published", "expired": "Expired", "fulfilled": "Transferred",
        "withdrawn": "Withdrawn",
    }),
    **by_code(labels.TRANSFER_OBJECTS, {
        "know_how": "Know-how, technical knowledge", "process": "Technological process",
        "design": "Technical design or solution", "software_data": "Software, data",
        "equipment_with_know_how": "Machinery and equipment with the technology",
        "rationalisation_solution": "Production improvement initiative",
        "ip_right": "Intellectual property rights with the technology",
    }),
    **by_code(labels.DECLINE_REASONS, {
        "too_early_stage": "The technology is at too early a stage",
        "price": "Price or budget does not fit", "unclear_benefit": "The benefit is unclear",
        "wrong_sector": "Not the sector needed", "other": "Another reason",
    }),
    **by_code(labels.MATCH_STATES, {
        "proposed": "Awaiting an answer", "accepted": "Both interested: introduced",
        "declined": "Declined", "expired": "No answer in time", "retracted": "Retracted",
    }),
    **by_code(labels.STAGES, {
        "opened": "Introduced to each other", "meeting_held": "Met and talked",
        "mou_signed": "MoU signed", "contract_signed": "Transfer contract signed",
        "contract_registered": "Transfer contract registered", "deal_closed": "Transfer completed",
        "ended": "Stopped",
    }),
    **by_code(labels.NEXT_STEPS, {
        "opened": "Arrange to meet and talk directly.",
        "meeting_held": "Agree and sign a memorandum of understanding (MoU).",
        "mou_signed": "Negotiate and sign the technology transfer contract.",
        "contract_signed": "Register the transfer contract at the Department of Science and "
        "Technology.",
        "contract_registered": "Carry out the contract and record the completed transfer.",
    }),
    **by_code(labels.PARTICIPANT_ROLES, {
        "supplier": "Supplier: bringing technology offers",
        "seeker": "Seeker: bringing technology demands", "both": "Both",
    }),
    **by_code(labels.REGISTRATION_STATES, {"registered": "Registered",
                                          "waitlisted": "On the waiting list"}),
    **by_code(labels.NOMINATION_STATES, {
        "submitted": "Submitted, nominations open", "withdrawn": "Withdrawn",
        "finalist": "Finalist, awaiting the decision", "rejected": "Not selected",
        "awarded": "Awarded the Certificate of Award", "merit": "Awarded the Certificate of Merit",
        "not_awarded": "Not awarded",
    }),
    **by_code(labels.MEETING_REQUEST_STATES, {
        "sent": "Awaiting an answer", "accepted": "Accepted: first in line for the schedule",
        "declined": "Declined", "expired": "Expired",
    }),
    **by_code(my_subscriptions.STATES, {
        "pending_confirmation": "Awaiting confirmation by e-mail", "active": "Receiving news",
        "paused": "Paused", "unsubscribed": "Unsubscribed",
    }),
    "Tiếp tục nhận tin": "Resume the news",
    "Tạm dừng|button": "Pause",  # "Tạm dừng", the state, is "Paused"
    **by_code(nominations.RULES, {
        "nomination-window-closed": "The programme no longer takes nominations.",
        "programme-not-open": "The programme is not open, or closed, to nominations.",
        "duplicate-nomination": "This organisation is already nominated in this category.",
        "nominator-not-allowed": "Enterprises and cooperatives nominate only themselves; "
        "associations and government agencies may nominate others.",
        "nominator-unknown": "Your organisation is not verified on the exchange yet.",
        "nominee-unknown": "The nominee was not found on the exchange (check its id).",
        "category-not-found": "Choose a category of a programme taking nominations.",
    }),
    **by_code(REQUEST_NOTICES, {
        "gui": "Request sent; the organisation invited gets an e-mail and answers on this page.",
        "nhan-loi": "Accepted: the meeting comes first when the Department draws the schedule.",
        "tu-choi": "The meeting request was declined.",
    }),
}  # fmt: skip

_REFUSALS: Final = {
    **by_code(MESSAGES, {
        "missing": "Required.", "string_too_short": "Too short: at least {limit} characters.",
        "string_too_long": "Too long: at most {limit} characters.",
        "too_short": "At least {limit} item(s) needed.", "too_long": "At most {limit} items.",
        "greater_than_equal": "The smallest value is {limit}.",
        "less_than_equal": "The largest value is {limit}.",
        "greater_than": "Must be more than {limit}.", "less_than": "Must be less than {limit}.",
        "int_parsing": "Must be a whole number.", "date_parsing": "Not a valid day (dd/mm/yyyy).",
        "datetime_parsing": "Choose a day and a time.",
        "enum": "Not a value of the list.", "bool_parsing": "Choose yes or no.",
        "string_pattern_mismatch": "Not in the expected format.",
        "extra_forbidden": "This column is not in the template (a misspelt name?).",
        "invalid-row": "This line cannot be read.",
    }),
    **by_code(FIELD_RULES, {
        "tax_code": "A tax code has 10 digits (13 for a branch: 0123456789-001) with a right "
        "10th digit; enterprises must give it.",
        "phone": "A Vietnamese phone number, e.g. 0905 123 456 or 0260 3862 345.",
        "email": "An e-mail address looks like name@example.vn.",
        "province_code": "Choose a province or city of today (after 1 July 2025).",
        "commune_code": "Choose a commune, ward or special zone of today in the chosen province.",
        "st_enterprise_certificate": "Science and technology enterprises (and only they) give "
        "their certificate's number.",
        "trl": "A technology offer states its readiness (TRL 1–9).",
        "transfer_objects": "Tick at least one thing transferred.",
        "price_vnd": "Give a price (VND) or tick negotiable price.",
        "desired_outcome": "A demand states its desired outcome.",
        "budget_min_vnd": "The minimum budget cannot be more than the maximum.",
        "deadline": "The day cannot be in the past.",
        "on_behalf_of": "Choose an organisation verified by the Department.",
        "location_code": "The code of a province or commune in the General Statistics Office "
        "list (e.g. 23425).",
    }),
    **by_code(RULE_WORDS, {
        "connection_event.cancelled": "The event is cancelled: nothing can change any more.",
        "connection_event.closed": "The event is closed: nothing can change any more.",
        "registration.active": "This organisation has no registration left to cancel.",
        "participant.registered": "Only a registered organisation (not on the waiting list) can "
        "ask to meet.",
        "to_organization_id": "Choose a registered organisation you may meet: a supplier meets "
        "a seeker, never itself.",
        "meeting_request.once": "The two organisations already have a request waiting or "
        "accepted.",
        "meeting_request.sent": "This request has been answered.",
        "meeting_request.expires_at": "This request has expired.",
        "request_id": "This meeting request was not found.",
    }),
    "Không hợp lệ: {reason}": "Invalid: {reason}",
    # the error pages of an organisation's pages: a service down, a form refused (api/session.py)
    "Dịch vụ tạm thời không trả lời.": "The service does not answer right now.",
    "Dịch vụ tin công nghệ tạm thời không trả lời.": (
        "The listings service does not answer right now."
    ),
    "Dịch vụ kết nối cung cầu tạm thời không trả lời.": (
        "The matching service does not answer right now."
    ),
    "Dịch vụ sự kiện kết nối tạm thời không trả lời.": (
        "The connection events service does not answer right now."
    ),
    "Dịch vụ tôn vinh tạm thời không trả lời.": "The awards service does not answer right now.",
    "Dịch vụ đăng ký nhận tin tạm thời không trả lời. Vui lòng thử lại sau.": (
        "The news subscription service does not answer right now. Please try again later."
    ),
    "Không tìm thấy.": "Not found.",
    "Không tìm thấy chương trình tôn vinh này.": "This award programme was not found.",
    "Tài khoản này không được làm việc đó.": "This account may not do that.",
    "Trang này dành cho tổ chức đã đăng nhập.": "This page is for signed-in organisations.",
    "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ: tải lại trang.": (
        "The session expired or the form is not valid: reload the page."
    ),
    "Biểu mẫu quá lớn.": "The form is too large.",
}  # fmt: skip

ORGANISATION_PARTICIPATION: Final = {**_PAGES, **_VOCABULARIES, **_REFUSALS}
