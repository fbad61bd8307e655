"""English for the public pages, keyed by the Vietnamese it stands for (one entry per text).

The chrome of the public pages (navigation, footer, headings, form labels) and the vocabularies
they show (kinds, sectors, organisation kinds, event and award states). Place names, people's and
organisations' names and a listing's own text are never translated."""

from __future__ import annotations

from typing import Final

from services.portal.domain.english_desk import DESK
from services.portal.domain.english_explanation import EXPLANATION
from services.portal.domain.english_organisation import ORGANISATION
from shared import labels as shared_labels

_CHROME: Final = {
    # base.html
    "Sàn giao dịch công nghệ": "Technology exchange",
    "Bỏ qua, đến nội dung chính": "Skip to the main content",
    "Điều hướng chính": "Main navigation",
    "Trang chủ": "Home",
    "Tìm công nghệ": "Find technology",
    "Sự kiện": "Events",
    "Tôn vinh": "Awards",
    "Chỉ số thị trường": "Market indicators",
    "Đăng nhập": "Sign in",
    "Đăng xuất": "Sign out",
    "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi": "Department of Science and Technology of "
    "Quảng Ngãi province",
    "Giờ Việt Nam (UTC+7)": "Vietnam time (UTC+7)",
    "Nhận tin mới": "News",
    "Đăng ký nhận tin qua thư điện tử": "Subscribe to the news by e-mail",
    "Kiểm duyệt": "Moderation",
    "Xác minh tổ chức": "Verify organisations",
    "Nhập hồ sơ giấy": "Paper dossiers",
    "Theo dõi kết nối": "Matches",
    "Xuất chỉ số": "Indicator exports",
    "Hồ sơ cần chấm": "Files to review",
    "Tin của tôi": "My listings",
    "Đề xuất": "Proposals",
    "Kết nối": "Connections",
    "Đề cử": "Nominations",
    "Nhận tin": "My subscriptions",
    "Danh bạ tổ chức": "Organisation directory",
    # home.html, search.html, _search_form.html
    "Sàn giao dịch công nghệ Quảng Ngãi": "Quảng Ngãi Technology Exchange",
    "Kết nối công nghệ của viện, trường, chuyên gia với đặt hàng của doanh nghiệp, hợp tác xã.": (
        "Technologies of institutes, universities and experts, matched with the demands of "
        "enterprises and cooperatives."
    ),
    "Sự kiện sắp diễn ra": "Upcoming events",
    "Lịch sự kiện tạm thời không tải được; mời xem lại sau.": (
        "The events calendar cannot be loaded right now; please look again later."
    ),
    "Tất cả sự kiện": "All events",
    "Công nghệ mới chào bán": "New technology offers",
    "Chưa có công nghệ nào được công bố.": "No technology has been published yet.",
    "Đặt hàng công nghệ mới": "New technology demands",
    "Chưa có đặt hàng nào được công bố.": "No demand has been published yet.",
    "Tìm công nghệ và đặt hàng": "Find technology offers and demands",
    "Vui lòng sửa các ô được đánh dấu": "Please correct the marked fields",
    "kết quả": "found",
    "Không có kết quả": "No results",
    "Thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.": "Try a shorter keyword or fewer filters.",
    "Từ khóa (có dấu hoặc không dấu)": "Keywords (Vietnamese with or without diacritics)",
    "ví dụ: sam ngoc linh, máy sấy, nước thải": "e.g. sam ngoc linh, may say, nuoc thai",
    "Loại tin": "Kind",
    "Tất cả": "All",
    "Lĩnh vực": "Sector",
    "Tìm kiếm": "Search",
    "Loại tin không hợp lệ: chọn chào bán hoặc đặt hàng.": "Unknown kind: choose offer or demand.",
    "Lĩnh vực không có trong danh mục.": "This sector is not in the list.",
    "Từ khóa tối đa 200 ký tự.": "Keywords: at most 200 characters.",
    # listing.html, _card.html, organization.html
    "Kết quả nhiệm vụ sử dụng ngân sách nhà nước": "Result of a state-funded project",
    "Bên chào bán": "Offered by",
    "Bên đặt hàng": "Demanded by",
    "Bên đặt hàng ẩn danh": "Anonymous demander",
    "Địa bàn": "Location",
    "Mức sẵn sàng": "Readiness",
    "Giá chuyển giao": "Transfer price",
    "Kinh phí dự kiến": "Expected budget",
    "Thỏa thuận": "Negotiable",
    "Ngày công bố": "Published",
    "Cần trước ngày": "Needed by",
    "Hiệu lực đến": "Valid until",
    "Sản phẩm OCOP": "OCOP products",
    "Từ khóa": "Keywords",
    "Mô tả công nghệ": "The technology",
    "Vấn đề cần giải quyết": "The problem to solve",
    "Kết quả mong muốn": "Desired outcome",
    "← Quay lại tìm kiếm": "← Back to search",
    "Tiêu đề tiếng Việt": "Vietnamese title",
    "Loại hình": "Kind",
    "Địa chỉ": "Address",
    "Xác minh": "Verification",
    "Đã được Sở KH&CN xác minh": "Verified by the Department of Science and Technology",
    "Chưa xác minh": "Not verified",
    "Giấy chứng nhận doanh nghiệp KH&CN": "Science and technology enterprise certificate",
    "Tin đã công bố": "Published listings",
    "Chưa có tin nào được công bố.": "No listing has been published yet.",
    # events.html, awards.html, award_programme.html
    "Sự kiện kết nối cung – cầu công nghệ": "Technology supply and demand events",
    "Công bố sự kiện mới": "Announce a new event",
    "Sắp diễn ra": "Upcoming",
    "Chưa có sự kiện nào được công bố.": "No event has been announced yet.",
    "Đã diễn ra": "Past events",
    "Tôn vinh tổ chức, cá nhân tiêu biểu": "Awards to outstanding organisations and people",
    "Tôn vinh tổ chức, cá nhân tiêu biểu trên thị trường khoa học và công nghệ": (
        "Awards to outstanding organisations and people of the science and technology market"
    ),
    "Nhận đề cử": "Nominations",
    "nhận đề cử": "nominations",
    "Chưa có chương trình tôn vinh nào được công bố.": "No award programme has been published yet.",
    "Hạng mục": "Categories",
    "Kết quả": "Results",
    "Tổ chức, cá nhân": "Organisation or person",
    "Hình thức": "Award",
    "Thành tích": "Citation",
    "Chứng nhận": "Certificate",
    "Tải PDF": "PDF",
    "Kết quả chưa được công bố.": "The results have not been published yet.",
    "← Tất cả chương trình": "← All programmes",
    # event.html (its organisation's own B2B schedule too) and sign_in.html
    "Sự kiện đã hủy:": "Event cancelled:",
    "Thời gian": "When",
    "Địa điểm": "Venue",
    "Trực tuyến": "Online",
    "Lĩnh vực trọng tâm": "Focus sectors",
    "Hạn đăng ký": "Registration deadline",
    "Số đơn vị tham gia tối đa": "Maximum number of participants",
    "Đơn vị đã đăng ký tham gia sự kiện.": "Your organisation is registered for the event.",
    "Điều phối sự kiện: đơn vị tham gia, danh sách chờ, lịch B2B, kết quả": (
        "Run the event: participants, waiting list, B2B schedule, results"
    ),
    "Đăng ký tham gia": "Register to take part",
    "Đề nghị gặp B2B": "Ask for a B2B meeting",
    "Tải lịch gặp B2B của đơn vị (.ics)": "Download your B2B schedule (.ics)",
    "Lịch gặp B2B của đơn vị": "Your B2B schedule",
    "Giờ (giờ Việt Nam)": "Time (Vietnam time)",
    "Bàn": "Table",
    "Gặp đơn vị": "Meeting",
    "Chưa có cuộc gặp nào được xếp cho đơn vị.": "No meeting has been scheduled for you yet.",
    "← Tất cả sự kiện": "← All events",
    "Đăng nhập (môi trường phát triển)": "Sign in (development environment)",
    "Môi trường phát triển: chọn một tổ chức của dữ liệu mẫu. Khi vận hành, người dùng đăng "
    "nhập qua hệ thống xác thực của tỉnh.": (
        "Development environment: choose an organisation of the sample data. In operation, "
        "people sign in through the province's identity provider."
    ),
    "Tổ chức chưa có trên sàn": "An organisation not yet on the exchange",
    "Họ tên người đại diện": "Name of the representative",
    "Đăng nhập và đăng ký tổ chức mới": "Sign in and register a new organisation",
    # indicators.html
    "Chỉ số thị trường khoa học và công nghệ": "Science and technology market indicators",
    "Chọn kỳ": "Choose a period",
    "Kỳ báo cáo": "Period",
    "Xem": "Show",
    "Kỳ": "Period",
    "Tải CSV": "Download CSV",
    "Xuất báo cáo (XLSX, JSON, CSV)": "Export for reports (XLSX, JSON, CSV)",
    "Theo lĩnh vực": "By sector",
    "Chào bán": "Offers",
    "Đặt hàng": "Demands",
    "và đặt hàng": "and demands",
    "công bố trong kỳ, theo lĩnh vực": "published in the period, by sector",
    "chào bán": "offers",
    "đặt hàng": "demands",
    "Hợp đồng": "Contracts",
    "Giá trị": "Value",
    "Chưa có số liệu theo lĩnh vực trong kỳ này.": "No figures by sector in this period.",
    "Năm (2026), quý (2026-Q4) hoặc tháng (2026-11).": (
        "A year (2026), a quarter (2026-Q4) or a month (2026-11)."
    ),
    "Công nghệ chào bán được công bố": "Technology offers published",
    "Đặt hàng được công bố": "Demands published",
    "Đề xuất kết nối": "Match proposals",
    "Cuộc giới thiệu hai bên": "Introductions",
    "Hợp đồng chuyển giao": "Transfer contracts",
    "Giá trị hợp đồng": "Contract value",
    # error.html and the refusals of the public routes
    "Về trang chủ": "Back to the home page",
    "Không được phép": "Not allowed",
    "Không tìm thấy trang": "Page not found",
    "Dịch vụ tạm thời gián đoạn": "Service temporarily unavailable",
    "Không thực hiện được yêu cầu": "The request could not be carried out",
    "Không thực hiện được yêu cầu.": "The request could not be carried out.",
    "Địa chỉ này không có trang nào.": "There is no page at this address.",
    "Không tìm thấy tin này.": "This listing was not found.",
    "Không tìm thấy trang này.": "This page was not found.",
    "Không tìm thấy sự kiện này.": "This event was not found.",
}

_NEWS: Final = {
    "Đăng ký nhận tin": "Subscribe to the news",
    "Nhà báo, cơ quan báo chí, doanh nghiệp và bạn đọc nhận tin của Sàn giao dịch công nghệ qua "
    "thư điện tử: công nghệ chào bán, đặt hàng công nghệ, giao dịch thành công, sự kiện kết nối, "
    "tôn vinh và chỉ số thị trường.": (
        "Journalists, newsrooms, enterprises and readers receive the exchange's news by e-mail: "
        "technology offers, demands, completed deals, connection events, awards and market "
        "indicators."
    ),
    "Sau khi gửi, hộp thư của bạn nhận một thư xác nhận; chỉ khi bấm liên kết trong thư đó, bạn "
    "mới bắt đầu nhận tin. Mỗi bản tin đều có liên kết hủy đăng ký.": (
        "You then receive a confirmation e-mail; nothing is sent before you follow its link. "
        "Every newsletter has an unsubscribe link."
    ),
    "Chưa đăng ký được: vui lòng sửa các ô được đánh dấu.": (
        "Not subscribed yet: please correct the marked fields."
    ),
    "Họ tên hoặc tên cơ quan, đơn vị": "Your name or your organisation's",
    "Bạn là": "You are",
    "Thư điện tử nhận tin": "E-mail address",
    "Loại tin (không chọn: nhận tất cả)": "News (none ticked: all)",
    "Lĩnh vực (không chọn: mọi lĩnh vực)": "Sectors (none ticked: all)",
    "Nhận bản tin": "Newsletter",
    "Nhập họ tên hoặc tên cơ quan, đơn vị.": "Enter your name or your organisation's.",
    "Nhập địa chỉ thư điện tử để nhận tin.": "Enter the e-mail address to receive the news.",
    "Địa chỉ thư điện tử dạng ten@donvi.vn.": "An e-mail address looks like name@example.vn.",
    "Kiểm tra hộp thư để xác nhận": "Check your mailbox to confirm",
    "Một thư xác nhận đã được gửi tới": "A confirmation e-mail was sent to",
    "Bấm liên kết trong thư để bắt đầu nhận tin; nếu không bấm, bạn sẽ không nhận thư nào. "
    "Không thấy thư? Hãy xem cả mục thư rác.": (
        "Follow its link to start receiving the news; otherwise you will receive nothing. "
        "No e-mail? Look in the spam folder too."
    ),
    "Đăng ký thêm một địa chỉ khác": "Subscribe another address",
    "Hoặc theo dõi qua nguồn tin (feed)": "Or follow a feed",
    "Các trang tin, cổng thông tin điện tử và phần mềm đọc tin dùng được ngay các nguồn tin dưới "
    "đây (Atom, RSS, JSON Feed 1.1), không cần đăng ký.": (
        "News sites, portals and feed readers can use the feeds below (Atom, RSS, JSON Feed 1.1) "
        "straight away, without subscribing."
    ),
    "Tất cả tin": "All news",
}

_VOCABULARIES: Final = {
    # domain/labels.py: kinds, organisation kinds, event and award states
    "Chào bán công nghệ": "Technology offer",
    "Đặt hàng công nghệ": "Technology demand",
    "Trường đại học": "University",
    "Viện, trung tâm nghiên cứu": "Research institute or centre",
    "Doanh nghiệp": "Enterprise",
    "Hợp tác xã": "Cooperative",
    "Chuyên gia": "Expert",
    "Tổ chức trung gian": "Intermediary",
    "Cơ quan nhà nước": "Government agency",
    "Hội, hiệp hội": "Association",
    "Doanh nghiệp khoa học và công nghệ": "Science and technology enterprise",
    "Tổ chức định giá công nghệ": "Technology valuation organisation",
    "Tổ chức đánh giá, giám định công nghệ": "Technology assessment organisation",
    "Chợ công nghệ (techmart)": "Techmart",
    "Ngày trình diễn công nghệ": "Demo day",
    "Phiên kết nối B2B": "B2B matchmaking session",
    "Hội thảo": "Workshop",
    "Đã hủy": "Cancelled",
    "Đã kết thúc": "Closed",
    "Đang nhận đề cử": "Open for nominations",
    "Đang xét chọn": "Under review",
    "Đã công bố kết quả": "Results published",
    "Bằng khen": "Award",
    "Giấy khen": "Certificate of merit",
    # domain/news_subscription.py
    "Công nghệ chào bán": "Technology offers",
    "Giao dịch thành công": "Completed deals",
    "Sự kiện kết nối (techmart, kết nối cung – cầu)": "Connection events (techmarts, matchmaking)",
    "Tôn vinh, khen thưởng": "Awards",
    "Chỉ số thị trường KH&CN": "S&T market indicators",
    "Hằng ngày (bản tin buổi sáng)": "Daily (a morning newsletter)",
    "Hằng tuần": "Weekly",
    "Cá nhân": "A person",
    "Cơ quan báo chí, đài phát thanh – truyền hình, cổng thông tin": (
        "A newspaper, radio or television station, or news portal"
    ),
    "Doanh nghiệp, viện, trường": "An enterprise, institute or university",
}

_SECTORS: Final = {
    shared_labels.SECTORS["vi"][code]: english
    for code, english in shared_labels.SECTORS["en"].items()
}

ENGLISH: Final[dict[str, str]] = {
    **_CHROME,
    **_NEWS,
    **_VOCABULARIES,
    **_SECTORS,
    **DESK,
    **ORGANISATION,
    **EXPLANATION,
}
