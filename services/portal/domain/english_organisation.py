"""English for a signed-in organisation's pages, keyed by the Vietnamese it stands for: its
listings and the listing form, the bulk import, proposals and introductions, nominations, its
news subscriptions, a techmart's registration and meeting requests, the sign-up; the labels their
view models give (states, reasons, stages) and the refusals the portal words itself.

An entry with a `{slot}` stands for a text the portal composed around a part it was given
(`domain/i18n.py` translates the part too). Owners' text, names and places are never here; the
rest of the pages, the vocabularies and the field refusals are in
`english_organisation_participation.py`."""

from __future__ import annotations

from typing import Final

from services.portal.domain.english_organisation_participation import ORGANISATION_PARTICIPATION

_LISTINGS: Final = {
    # my_listings.html, listing_form.html
    "Tin của": "Listings of",
    "Đã lưu bản nháp. Kiểm tra lại rồi bấm “Gửi duyệt”.": (
        "Draft saved. Check it, then press “Send for review”."
    ),
    "Đã rút tin khỏi sàn.": "The listing was withdrawn from the exchange.",
    "Đã lưu thay đổi. Tin ở trạng thái nháp hoặc bị trả lại cần bấm “Gửi duyệt” để Sở xem xét.": (
        "Changes saved. A draft or a returned listing needs “Send for review” for the "
        "Department to look at it."
    ),
    "Đã gửi bản sửa đổi cho Sở duyệt. Trong lúc chờ, mọi người vẫn thấy bản tin đã duyệt.": (
        "Your revision was sent to the Department for review. Meanwhile everyone still sees "
        "the approved listing."
    ),
    "Đã gia hạn tin.": "The listing was renewed.",
    "Đăng đặt hàng công nghệ": "Post a technology demand",
    "Đăng chào bán công nghệ": "Post a technology offer",
    "Nhập nhiều tin từ tệp CSV": "Import listings from a CSV file",
    "Tin": "Listing",
    "Loại": "Kind",
    "Trạng thái": "State",
    "Việc cần làm": "Actions",
    "Sở KH&CN nhập từ hồ sơ giấy": "Entered by the Department from a paper dossier",
    "Có bản sửa đổi chờ duyệt": "A revision awaits review",
    "Sửa tin": "Edit the listing",
    "Sửa": "Edit",
    "Gửi duyệt": "Send for review",
    "Gia hạn": "Renew",
    "Hiệu lực đến ngày": "Valid until",
    "Rút tin": "Withdraw",
    "Lý do rút tin": "Why the listing is withdrawn",
    "Chưa có tin nào.": "No listing yet.",
    "Tin đang được công bố. Đổi ngày (hạn cần, hiệu lực) được cập nhật ngay; mọi thay đổi khác "
    "thành": (
        "The listing is published. A change of its dates (needed by, valid until) applies at "
        "once; any other change becomes"
    ),
    "bản sửa đổi chờ Sở duyệt": "a revision awaiting the Department's review",
    "trong lúc chờ, mọi người vẫn thấy bản đã duyệt.": (
        "meanwhile everyone still sees the approved version."
    ),
    "Biểu mẫu đang hiện bản sửa đổi bạn gửi trước đó, chưa được duyệt; lưu lần này sẽ thay bản "
    "đó.": (
        "The form shows the revision you sent earlier, not yet approved; saving now replaces it."
    ),
    "Chưa lưu được: vui lòng sửa các ô sau.": "Not saved yet: please correct these fields.",
    "Mở bản mới nhất của tin": "Open the latest version of the listing",
    "Tổ chức có hồ sơ (đã được Sở xác minh)": "Organisation of the dossier (verified by the "
    "Department)",
    "— Chọn —": "— Choose —",
    "Tiêu đề": "Title",
    "Tóm tắt (một đoạn)": "Summary (one paragraph)",
    "Mô tả": "Description",
    "Từ khóa (cách nhau bởi dấu phẩy)": "Keywords (separated by commas)",
    "Mức sẵn sàng công nghệ (TRL 1–9)": "Technology readiness level (TRL 1–9)",
    "Đối tượng chuyển giao": "What is transferred",
    "Giá chuyển giao (đồng)": "Transfer price (VND)",
    "Giá thỏa thuận": "Negotiable price",
    "TRL thấp nhất chấp nhận (1–9)": "Lowest TRL accepted (1–9)",
    "Kinh phí tối đa (đồng)": "Maximum budget (VND)",
    "Ẩn tên đơn vị đặt hàng khi công bố": "Hide the demanding organisation's name when published",
    "Lưu bản nháp": "Save the draft",
    "Lưu thay đổi": "Save the changes",
    # domain/listing_form.py FIELD_LABELS, as the error summary names the fields
    "Tóm tắt": "Summary",
    "Mức sẵn sàng công nghệ (TRL)": "Technology readiness level (TRL)",
    "TRL thấp nhất chấp nhận": "Lowest TRL accepted",
    "Kinh phí tối thiểu": "Minimum budget",
    "Kinh phí tối đa": "Maximum budget",
    "Ẩn tên đơn vị đặt hàng": "Hide the demanding organisation's name",
    "Mã địa bàn": "Location code",
    "Tổ chức": "Organisation",
    "Phiên bản": "Version",
    # service/organization.py
    "Nêu lý do rút tin (ít nhất 3 ký tự).": "Say why the listing is withdrawn (3 characters or "
    "more).",
    "Chọn ngày hết hạn mới, sau hôm nay.": "Choose a new expiry day, after today.",
    "Tin này vừa được thay đổi ở nơi khác (một thẻ trình duyệt khác, hoặc Sở vừa duyệt) sau khi "
    "bạn mở trang sửa. Những gì bạn đã gõ vẫn còn dưới đây: hãy mở lại bản mới nhất rồi sửa.": (
        "This listing was changed elsewhere (another browser tab, or the Department just "
        "reviewed it) after you opened the edit page. What you typed is still below: open the "
        "latest version, then edit it."
    ),
    "Lúc này tin không sửa được: tin đang chờ Sở duyệt, đã rút, đã hết hạn hoặc đã chuyển giao.": (
        "The listing cannot be edited now: it awaits review, or was withdrawn, expired or "
        "transferred."
    ),
    "Chưa gửi duyệt được: {reason}": "Not sent for review: {reason}",
    "Chưa rút tin được: {reason}": "Not withdrawn: {reason}",
    "Chưa gia hạn được: {reason}": "Not renewed: {reason}",
    "{first}; {second}": "{first}; {second}",
    "Trang này dành cho tài khoản của tổ chức.": "This page is for organisations' accounts.",
}

_IMPORT: Final = {
    # import.html, domain/catalogue.py
    "Đã nhập": "Imported",
    "tin và gửi Sở KH&CN duyệt.": "listings and sent them to the Department for review.",
    "Các tin nằm trong": "They are in",
    "với trạng thái “Chờ duyệt”.": "with the state “Awaiting review”.",
    "Các lỗi theo dòng của tệp (dòng 1 là dòng tiêu đề)": (
        "The errors by line of the file (line 1 is the header)"
    ),
    "Dòng": "Line",
    "Cột": "Column",
    "Lỗi": "Error",
    "(cả dòng)": "(the whole line)",
    "Mỗi dòng của tệp thành một tin": "Each line of the file becomes a listing",
    "gửi thẳng cho Sở duyệt": "sent straight to the Department for review",
    "(tổ chức cần đã được Sở xác minh). Chỉ cần một dòng sai thì chưa tin nào được nhập: trang "
    "sẽ liệt kê từng dòng, từng cột cần sửa.": (
        "(the organisation must be verified by the Department). One wrong line and no listing "
        "is imported: the page lists each line and column to correct."
    ),
    "Tải tệp mẫu (CSV UTF-8, có hai dòng ví dụ)": (
        "Download the template (CSV UTF-8, with two example lines)"
    ),
    "Tệp CSV (UTF-8, tối đa 1 MB)": "CSV file (UTF-8, at most 1 MB)",
    "Dòng đầu là tên các cột như tệp mẫu; cột nhiều giá trị ngăn cách bởi dấu chấm phẩy (;).": (
        "The first line names the columns as in the template; a column of several values "
        "separates them with semicolons (;)."
    ),
    "Nhập tin": "Import",
    "Ý nghĩa các cột": "What the columns mean",
    "Nội dung": "Content",
    "Mã dùng ở cột": "Codes of the column",
    "Mã": "Code",
    "Nghĩa": "Meaning",
    "Bắt buộc. offer (chào bán) hoặc demand (đặt hàng).": "Required. offer or demand.",
    "Bắt buộc. Tiêu đề, 5–300 ký tự.": "Required. The title, 5–300 characters.",
    "Bắt buộc. Tóm tắt một đoạn, 10–2.000 ký tự.": (
        "Required. A one-paragraph summary, 10–2,000 characters."
    ),
    "Bắt buộc. Chào bán: mô tả công nghệ; đặt hàng: vấn đề cần giải quyết.": (
        "Required. An offer: the technology; a demand: the problem to solve."
    ),
    "Đặt hàng: bắt buộc, kết quả mong muốn.": "A demand: required, the desired outcome.",
    "Bắt buộc. Mã lĩnh vực (bảng dưới).": "Required. The sector's code (table below).",
    "Từ khóa, cách nhau bởi dấu chấm phẩy (;).": "Keywords, separated by semicolons (;).",
    "Chào bán: bắt buộc, mức sẵn sàng công nghệ 1–9.": (
        "An offer: required, the technology readiness level 1–9."
    ),
    "Đặt hàng: TRL thấp nhất chấp nhận, 1–9.": "A demand: the lowest TRL accepted, 1–9.",
    "Chào bán: bắt buộc, mã đối tượng chuyển giao (bảng dưới), cách nhau bởi ;.": (
        "An offer: required, the codes of what is transferred (table below), separated by ;."
    ),
    "Chào bán: giá (đồng, chỉ ghi chữ số), hoặc để trống và ghi true ở cột sau.": (
        "An offer: the price (VND, digits only), or empty with true in the next column."
    ),
    "Chào bán: true nếu giá thỏa thuận.": "An offer: true when the price is negotiable.",
    "Đặt hàng: kinh phí tối đa (đồng, chỉ ghi chữ số).": (
        "A demand: the maximum budget (VND, digits only)."
    ),
    "Đặt hàng: cần trước ngày, dạng 2027-06-30.": "A demand: needed by, written 2027-06-30.",
    "Hiệu lực đến ngày, dạng 2027-12-31.": "Valid until, written 2027-12-31.",
    "Mã tỉnh hoặc xã, phường (danh mục Tổng cục Thống kê), ví dụ 23425.": (
        "The code of the province or commune (General Statistics Office list), e.g. 23425."
    ),
    "Đặt hàng: true để ẩn tên đơn vị khi công bố.": (
        "A demand: true to hide the organisation's name when published."
    ),
    "Chọn một tệp CSV có ít nhất một dòng tin.": "Choose a CSV file with at least one listing.",
    "Tệp lớn hơn 1 MB: chia thành nhiều tệp nhỏ hơn rồi nhập từng tệp.": (
        "The file is over 1 MB: split it into smaller files and import each."
    ),
    "Tệp phải được lưu dạng CSV UTF-8 (trong Excel: Lưu thành → CSV UTF-8).": (
        "Save the file as CSV UTF-8 (in Excel: Save as → CSV UTF-8)."
    ),
    "Tổ chức của bạn chưa được Sở KH&CN xác minh nên chưa nhập được tin: liên hệ Sở để được xác "
    "minh rồi nhập lại.": (
        "Your organisation is not verified by the Department yet, so it cannot import: ask the "
        "Department to verify it, then import again."
    ),
    "Tệp có quá nhiều dòng: chia thành nhiều tệp nhỏ hơn rồi nhập từng tệp.": (
        "The file has too many lines: split it into smaller files and import each."
    ),
    "Tệp chỉ có dòng tiêu đề, chưa có dòng tin nào.": "The file has only its header, no listing.",
    "Chưa nhập tin nào: {lines} dòng có lỗi, liệt kê dưới đây. Sửa các dòng đó rồi tải tệp lên "
    "lại — tin chỉ được nhập khi mọi dòng đều đúng.": (
        "Nothing imported: {lines} line(s) with errors, listed below. Correct them and upload "
        "the file again — listings are imported only when every line is right."
    ),
    "Chưa nhập được: {reason}": "Not imported: {reason}",
}

_MATCHES: Final = {
    # proposals.html, introductions.html, domain/proposals.py, service/proposals.py
    "Sàn đề xuất những tin phù hợp với tin của đơn vị. Khi cả hai bên cùng quan tâm, Sở giới "
    "thiệu hai bên với nhau; trước đó, tên của đơn vị không được cho bên kia biết.": (
        "The exchange proposes listings that fit yours. When both sides are interested, the "
        "Department introduces them to each other; until then your name is not given to the "
        "other side."
    ),
    "Đã ghi nhận trả lời.": "Your answer was recorded.",
    "Cho công nghệ của đơn vị": "For your technology",
    "Cho đặt hàng của đơn vị": "For your demand",
    "đề xuất ngày": "proposed on",
    "Vì sao:": "Why:",
    "Đơn vị đã trả lời:": "You answered:",
    "Đang chờ bên kia trả lời.": "Waiting for the other side's answer.",
    "Quan tâm": "Interested",
    "Không quan tâm": "Not interested",
    "Không quan tâm: {reason}": "Not interested: {reason}",
    "Lý do không quan tâm": "Why not interested",
    "Ghi chú cho Sở (không gửi bên kia)": "Note for the Department (not sent to the other side)",
    "Chưa có đề xuất nào cho tin của đơn vị.": "No proposal for your listings yet.",
    "Chọn lý do không quan tâm.": "Choose why you are not interested.",
    "Chưa ghi nhận được: {reason}": "Not recorded: {reason}",
    "Không tìm thấy đề xuất này.": "This proposal was not found.",
    "Kết nối đã giới thiệu": "Introductions",
    "cho đặt hàng": "for the demand",
    "Một bước đang chờ bên kia hoặc Sở xác nhận.": (
        "A step awaits the confirmation of the other side or the Department."
    ),
    "Bước tiếp theo:": "Next step:",
    "Diễn biến": "History",
    "Chưa có kết nối nào. Khi đơn vị và bên kia cùng quan tâm một đề xuất, Sở giới thiệu hai bên "
    "và kết nối hiện ở đây.": (
        "No introduction yet. When you and the other side are both interested in a proposal, "
        "the Department introduces you and the introduction shows here."
    ),
}

_SIGN_UP: Final = {
    # sign_up.html, sign_up_sent.html, service/registration.py
    "Đăng ký tổ chức": "Register an organisation",
    "Đăng ký tổ chức tham gia sàn": "Register your organisation on the exchange",
    "Sau khi đăng ký, cán bộ Sở Khoa học và Công nghệ xác minh thông tin rồi tổ chức mới đăng "
    "được tin.": (
        "Once registered, the Department of Science and Technology verifies the details; then "
        "the organisation can post listings."
    ),
    "Thông tin liên hệ chỉ Sở thấy, không công bố.": (
        "Only the Department sees the contact details; they are never published."
    ),
    "Loại tổ chức": "Kind of organisation",
    "Tên tổ chức (tiếng Việt có dấu)": "Name of the organisation (Vietnamese, with diacritics)",
    "Mã số thuế": "Tax code",
    "10 chữ số, hoặc 13 với chi nhánh; bắt buộc với doanh nghiệp.": (
        "10 digits, or 13 for a branch; required of enterprises."
    ),
    "Số giấy chứng nhận doanh nghiệp KH&CN": "Number of the S&T enterprise certificate",
    "Chỉ với doanh nghiệp khoa học và công nghệ.": "Science and technology enterprises only.",
    "Tỉnh, thành phố": "Province or city",
    "Xã, phường, đặc khu": "Commune, ward or special zone",
    "— Chọn (nếu đổi tỉnh, gửi lại để có danh sách xã của tỉnh đó) —": (
        "— Choose (after changing the province, send the form to list its communes) —"
    ),
    "Người liên hệ": "Contact person",
    "Thư điện tử": "E-mail",
    "Điện thoại": "Phone",
    "Ngôn ngữ nhận thư": "Language of the e-mails",
    "Gửi đăng ký": "Send the registration",
    "Đã gửi đăng ký": "Registration sent",
    "Sở Khoa học và Công nghệ đã nhận đăng ký của": (
        "The Department of Science and Technology received the registration of"
    ),
    "Cán bộ Sở sẽ xác minh; sau đó tổ chức đăng được tin chào bán và đặt hàng công nghệ.": (
        "The Department will verify it; then the organisation can post technology offers and "
        "demands."
    ),
    "Đến trang tin của tổ chức": "To your organisation's listings",
    "Đăng nhập bằng tài khoản của người đại diện tổ chức để đăng ký.": (
        "Sign in with the account of the organisation's representative to register."
    ),
}

ORGANISATION: Final[dict[str, str]] = {
    **_LISTINGS, **_IMPORT, **_MATCHES, **_SIGN_UP, **ORGANISATION_PARTICIPATION,
}  # fmt: skip
