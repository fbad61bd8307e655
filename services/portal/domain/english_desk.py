"""English for the broker console and the reviewers' pages, keyed by the Vietnamese it stands for.

The moderation queue, the verification queue and the directory, the paper-dossier desk, the
pipeline board, the techmart desk and its event form, the reviewers' queue and scoring form:
their chrome, the labels their view models give (stages, return reasons, marks, roles, states,
outcomes, notices) and the refusals the portal words itself beside a field. An entry may hold
`{name}` placeholders (see `domain/i18n.py`). Owners' text (titles, names, places, a programme's
criteria) is never translated here."""

from __future__ import annotations

from typing import Final

from services.portal.domain.english_desk_refusals import DESK_REFUSALS
from shared import labels as shared_labels

_MODERATION: Final = {
    # moderation.html, verification.html, directory.html
    "Kiểm duyệt tin": "Moderation",
    "Tin chờ duyệt": "Listings awaiting moderation",
    "Đã duyệt và công bố tin.": "The listing is approved and published.",
    "Đã trả tin lại cho đơn vị.": "The listing was returned to its organisation.",
    "gửi ngày {day}": "submitted {day}",
    "Có thể trùng với:": "Possible duplicate of:",
    "Chấm điểm (0–5) và duyệt": "Mark (0–5) and approve",
    "Duyệt và công bố": "Approve and publish",
    "Trả lại cho đơn vị": "Return to the organisation",
    "Góp ý cho đơn vị": "Comments for the organisation",
    "Trả lại": "Return",
    "Không có tin nào chờ duyệt.": "No listing is awaiting moderation.",
    "Rõ ràng": "Clarity",
    "Đầy đủ": "Completeness",
    "Giá trị thương mại": "Commercial relevance",
    "Tổ chức chờ xác minh": "Organisations awaiting verification",
    "Đã xác minh tổ chức.": "The organisation is verified.",
    "Đăng ký ngày {day}": "Registered {day}",
    "Mã số thuế": "Tax code",
    "Liên hệ": "Contact",
    "Xác minh {name}": "Verify {name}",
    "Không có tổ chức nào chờ xác minh.": "No organisation is awaiting verification.",
    "Danh bạ tổ chức đã xác minh": "Directory of verified organisations",
    "Tên, mã số thuế hoặc địa bàn (có hoặc không dấu)": (
        "Name, tax code or place (Vietnamese with or without diacritics)"
    ),
    "Tìm": "Search",
    "{count} tổ chức khớp với “{words}”.": "Organisations matching “{words}”: {count}.",
    "{count} tổ chức.": "Organisations: {count}.",
    "Tổ chức": "Organisation",
    "Loại": "Kind",
    "Đăng ký": "Registration",
    # the paper-dossier desk (its form is the organisations' listing form)
    "Nhập tin từ hồ sơ giấy: {kind}": "Listing from a paper dossier: {kind}",
    "chào bán công nghệ": "technology offer",
    "đặt hàng công nghệ": "technology demand",
    "Lưu bản nháp cho tổ chức": "Save as the organisation's draft",
    "Tổ chức có hồ sơ (đã được Sở xác minh)": (
        "Organisation of the dossier (verified by the Department)"
    ),
    "Đã lưu bản nháp cho {name}. Tin nằm trong mục “Tin của tôi” của đơn vị, ghi rõ do Sở nhập "
    "từ hồ sơ giấy; đơn vị kiểm tra lại rồi bấm “Gửi duyệt”.": (
        "Saved as a draft of {name}. It is among the organisation's “My listings”, marked as "
        "entered by the Department from a paper dossier; the organisation checks it, then sends "
        "it to review."
    ),
}

_PIPELINE_AND_REVIEWS: Final = {
    # indicator_exports.html
    "Xuất chỉ số thị trường": "Export the market indicators",
    "Tải chỉ số của một kỳ để báo cáo Bộ Khoa học và Công nghệ, Ủy ban nhân dân tỉnh: bảng tính "
    "Excel (tổng hợp, theo lĩnh vực, theo địa bàn, theo tỉnh, các tháng và quý trong năm), tệp "
    "JSON như dịch vụ chỉ số trả về, hoặc tệp CSV cùng các cột với tệp CSV công khai.": (
        "Download a period's indicators to report to the Ministry of Science and Technology and "
        "the provincial People's Committee: an Excel workbook (summary, by sector, by locality, "
        "by province, the months and quarters of the year), the JSON file the indicators service "
        "returns, or a CSV file with the same columns as the public CSV."
    ),
    "Số liệu đầy đủ, không công bố nguyên bản:": "Full figures, not for publication as they are:",
    "các tệp gồm cả những dòng dựa trên dưới 3 tổ chức mà trang công khai": (
        "the files include the rows resting on fewer than 3 organisations, which the public page"
    ),
    "gộp vào dòng “khác”, và được tính theo dữ liệu lúc tải (một kỳ đã công bố có thể khác bản "
    "đã công bố bởi các hợp đồng kê khai sau đó).": (
        "merges into “other”, and they are computed from the data at download time (a published "
        "period may differ from its release because of contracts declared since)."
    ),
    "Chọn kỳ và định dạng": "Choose the period and the format",
    "Năm (2026), quý (2026-Q3) hoặc tháng (2026-09), theo lịch Việt Nam.": (
        "A year (2026), a quarter (2026-Q3) or a month (2026-09), by Vietnam's calendar."
    ),
    "Tải bảng tính Excel (XLSX)": "Download the Excel workbook (XLSX)",
    "Tải JSON": "Download JSON",
    "Tải CSV": "Download CSV",
    # pipeline.html and its stages
    "Mỗi cột là một bước, việc đứng yên lâu nhất ở trên; việc đứng yên quá {days} ngày được "
    "đánh dấu để cán bộ liên hệ hai bên.": (
        "Each column is a step, the longest idle first; anything idle for more than {days} days "
        "is marked, for a broker to call both parties."
    ),
    "Đã gửi đề xuất cho hai bên.": "The proposal was sent to both parties.",
    "Đề xuất chờ trả lời": "Proposals awaiting an answer",
    "{count} đứng yên": "{count} idle",
    "Đứng yên {days} ngày": "Idle for {days} days",
    "{days} ngày từ bước gần nhất": "{days} days since the last step",
    "một bước chờ xác nhận": "a step awaits confirmation",
    "Không có.": "None.",
    "… và {count} việc khác.": "… and {count} more.",
    "Đề xuất kết nối thủ công": "Propose a match by hand",
    "Mã tin chào bán": "Offer id",
    "Mã tin đặt hàng": "Demand id",
    "Đề xuất cho hai bên": "Propose to both parties",
    "Đã giới thiệu hai bên": "Introduced to each other",
    "Đã gặp gỡ trao đổi": "Met and talked",
    "Đã ký biên bản ghi nhớ": "MoU signed",
    "Đã ký hợp đồng chuyển giao": "Transfer contract signed",
    "Đã đăng ký hợp đồng chuyển giao": "Transfer contract registered",
    # review_queue.html, review_file.html
    "Đã ghi nhận xung đột lợi ích: bạn không chấm các hồ sơ của đơn vị này.": (
        "Your conflict of interest is recorded: you will not score this organisation's files."
    ),
    "Không còn hồ sơ nào cần chấm.": "No file is left to score.",
    "Không có chương trình tôn vinh nào đang xét chọn.": "No award programme is under review.",
    "Chấm hồ sơ: {nominee}": "Scoring: {nominee}",
    "Đã lưu phiếu chấm.": "Your scorecard is saved.",
    "Thành tích được đề cử": "Achievements nominated",
    "Phiếu chấm": "Scorecard",
    "(trọng số {weight}%)": "(weight {weight}%)",
    "Điểm (0–10)": "Score (0–10)",
    "— Chọn —": "— Choose —",
    "Nhận xét": "Comment",
    "Lưu phiếu chấm": "Save the scorecard",
    "Xung đột lợi ích": "Conflict of interest",
    "Nếu bạn có quan hệ với đơn vị này, nêu lý do: bạn sẽ không chấm các hồ sơ của đơn vị.": (
        "If you are connected with this organisation, say how: you will not score its files."
    ),
    "Khai báo xung đột lợi ích": "Declare a conflict of interest",
    "← Hồ sơ cần chấm": "← Files to review",
}

_EVENT_DESK: Final = {
    # event_form.html
    "Công bố sự kiện kết nối": "Announce a connection event",
    "Sửa sự kiện: {title}": "Change the event: {title}",
    "← Trang điều phối sự kiện": "← The event's desk",
    "Chưa lưu được: vui lòng sửa các ô được đánh dấu.": (
        "Not saved yet: please correct the marked fields."
    ),
    "Chưa công bố được: vui lòng sửa các ô được đánh dấu.": (
        "Not announced yet: please correct the marked fields."
    ),
    "Tên sự kiện": "Title of the event",
    "Loại sự kiện": "Kind of event",
    "Bắt đầu": "Starts",
    "Kết thúc": "Ends",
    "(giờ Việt Nam)": "(Vietnam time)",
    "{field}: ngày": "{field}: day",
    "{field}: giờ": "{field}: time",
    "Đường dẫn trực tuyến (nếu có)": "Online link (if any)",
    "Đường dẫn trực tuyến": "Online link",
    "Số phiên gặp B2B": "Number of B2B meeting slots",
    "Số phút mỗi phiên": "Minutes per slot",
    "Số bàn gặp": "Number of meeting tables",
    "Nhận vào danh sách chờ khi đã đủ chỗ": "Keep a waiting list once the seats are taken",
    "Khi đủ số đơn vị tối đa, đơn vị đăng ký sau vào danh sách chờ và được xếp chỗ theo thứ tự "
    "khi có chỗ trống; bỏ chọn thì đăng ký mới bị từ chối khi đã đủ chỗ.": (
        "Once the maximum is reached, later registrations wait on a list and are seated in their "
        "order when a seat frees; unticked, new registrations are refused once the seats are "
        "taken."
    ),
    "Lưu thay đổi": "Save the changes",
    "Công bố": "Announce",
    # event_desk.html
    "Điều phối: {title}": "Event desk: {title}",
    "trang công khai": "public page",
    "Sửa thông tin sự kiện": "Change the event's details",
    "Chưa thực hiện được:": "Not done:",
    "Đơn vị tham gia ({count})": "Participants ({count})",
    "Đơn vị": "Organisation",
    "Tư cách": "Role",
    "Số tin": "Listings",
    "Trạng thái": "State",
    "Hủy đăng ký": "Cancel the registration",
    "Hủy đăng ký của {name}": "Cancel the registration of {name}",
    "Chưa có đơn vị nào đăng ký.": "No organisation has registered yet.",
    "Danh sách chờ ({count})": "Waiting list ({count})",
    "Danh sách chờ đang tắt: khi đã đủ chỗ, đăng ký mới bị từ chối.": (
        "The waiting list is off: once the seats are taken, new registrations are refused."
    ),
    "Khi có chỗ trống (một đơn vị hủy, hoặc tăng số đơn vị tối đa), đơn vị đầu danh sách được "
    "xếp chỗ.": (
        "When a seat frees (an organisation cancels, or the maximum is raised), the first on the "
        "list is seated."
    ),
    "Không có đơn vị nào trong danh sách chờ.": "Nobody is on the waiting list.",
    "Xếp lịch gặp B2B": "Make the B2B schedule",
    "Lịch gặp B2B ({count})": "B2B schedule ({count})",
    "Giờ": "Time",
    "Bên cung ứng": "Supplier",
    "Bên có nhu cầu": "Seeker",
    "Ghi chú": "Notes",
    "Đã ghim": "Pinned",
    "Theo đề nghị gặp": "As requested",
    "Chưa xếp lịch.": "Not scheduled yet.",
    "Ghim một cuộc gặp": "Pin a meeting",
    "Cuộc gặp": "Meeting",
    "Phiên (để trống: giữ phiên hiện tại)": "Slot (blank: the one it has)",
    "Giữ nguyên": "Unchanged",
    "Bàn {table}": "Table {table}",
    "bàn {table}": "table {table}",
    "{meeting} — ghi cho {name}": "{meeting} — for {name}",
    "Ghim và xếp lại lịch": "Pin and reschedule",
    "Đổi chỗ hai cuộc gặp": "Swap two meetings",
    "Đổi chỗ": "Swap",
    "Ghi kết quả một cuộc gặp": "Record a meeting's outcome",
    "Ghi kết quả": "Record the outcome",
    "Kết thúc sự kiện": "Close the event",
    "Số biên bản ghi nhớ (MoU) đã ký tại sự kiện": "MoUs signed at the event",
    "Số đơn vị tham gia và số cuộc gặp được tính từ lịch và kết quả đã ghi.": (
        "The participants and meetings are counted from the schedule and the outcomes recorded."
    ),
    "Hủy sự kiện": "Cancel the event",
    "Lý do hủy (các đơn vị sẽ thấy)": "Reason (the organisations will read it)",
    # domain/labels.py: roles, registration states, meeting outcomes
    "Bên cung ứng: mang công nghệ chào bán": "Supplier: bringing technology offers",
    "Bên có nhu cầu: mang đặt hàng công nghệ": "Seeker: bringing technology demands",
    "Cả hai": "Both",
    "Đã đăng ký": "Registered",
    "Trong danh sách chờ": "On the waiting list",
    "Đã gặp": "Met",
    "Bên kia không đến": "The other side did not come",
    "Đã gặp, muốn tiếp tục trao đổi": "Met, wants to follow up",
    # domain/event_desk.py: what the desk says after each action
    "Đã công bố sự kiện; các đơn vị đăng ký tham gia từ trang công khai.": (
        "The event is announced; organisations register from its public page."
    ),
    "Đã lưu thay đổi của sự kiện.": "The event's changes are saved.",
    "Đã xếp lịch gặp B2B; các đơn vị nhận lịch qua thư.": (
        "The B2B schedule is made; the organisations receive it by e-mail."
    ),
    "Đã hủy sự kiện và các cuộc gặp của nó.": "The event and its meetings are cancelled.",
    "Đã hủy đăng ký của đơn vị và các cuộc gặp của đơn vị; đơn vị đầu danh sách chờ (nếu có) "
    "được xếp chỗ.": (
        "The organisation's registration and meetings are cancelled; the first on the waiting "
        "list (if any) is seated."
    ),
    "Đã kết thúc sự kiện và ghi nhận số liệu.": "The event is closed and its figures recorded.",
    "Đã ghim cuộc gặp và xếp lại lịch quanh nó; các đơn vị có cuộc gặp đổi giờ nhận thư.": (
        "The meeting is pinned and the schedule made again around it; organisations whose "
        "meetings moved receive an e-mail."
    ),
    "Đã đổi chỗ hai cuộc gặp (cả hai được ghim) và xếp lại lịch.": (
        "The two meetings are swapped (both pinned) and the schedule made again."
    ),
    "Đã ghi kết quả cuộc gặp.": "The meeting's outcome is recorded.",
}

_RETURN_REASONS: Final = {
    shared_labels.RETURN_REASONS["vi"][code]: english
    for code, english in shared_labels.RETURN_REASONS["en"].items()
}

DESK: Final[dict[str, str]] = {
    **_MODERATION,
    **_PIPELINE_AND_REVIEWS,
    **_EVENT_DESK,
    **_RETURN_REASONS,
    **DESK_REFUSALS,
}
