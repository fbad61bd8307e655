"""English for why the matching engine proposed a pair (its `sentence_vi`).

The matching API explains a proposal in Vietnamese only, as fixed phrases joined with " · "
(`services/matching/engine/explanation.py`); `translate` takes them one by one. The keywords
both listings share are the owners' words and stay as written."""

from __future__ import annotations

from typing import Final

EXPLANATION: Final = {
    "Cùng lĩnh vực": "Same sector",
    "Lĩnh vực liên quan": "Related sector",
    "TRL {level} ≥ yêu cầu {required}": "TRL {level} ≥ the {required} required",
    "TRL {level} < yêu cầu {required}": "TRL {level} < the {required} required",
    "Giá thỏa thuận": "Price negotiable",
    "Giá ≤ ngân sách": "Price within the budget",
    "Giá vượt ngân sách {percent}%": "Price {percent}% over the budget",
    "Giá vượt ngân sách {percent}%, có thể thỏa thuận": (
        "Price {percent}% over the budget, negotiable"
    ),
    "Hợp hình thức chuyển giao": "Transfer form fits",
    "Khác hình thức chuyển giao": "Another transfer form",
    "Cùng tỉnh": "Same province",
    "Tỉnh lân cận": "Neighbouring province",
    "Kết quả nhiệm vụ dùng ngân sách nhà nước": "Result of a state-funded task",
    "Trùng từ khóa: {terms}": "Shared keywords: {terms}",
    "Nội dung tương đồng": "Similar content",
}
