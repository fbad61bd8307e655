"""The words a reader sees for the public vocabulary's codes, in Vietnamese and English: one
wording for the e-mails, the feeds and the pages (a broker returns a listing for the same reason
its owner then reads)."""

from __future__ import annotations

from typing import Final

SECTORS: Final = {
    "vi": {
        "high_tech_agriculture": "Nông nghiệp công nghệ cao",
        "agro_forestry_fishery_processing": "Chế biến nông, lâm, thủy sản",
        "medicinal_herbs": "Dược liệu",
        "industrial_production": "Sản xuất công nghiệp",
        "environment": "Môi trường",
        "healthcare": "Y tế",
        "other": "Lĩnh vực khác",
    },
    "en": {
        "high_tech_agriculture": "High-tech agriculture",
        "agro_forestry_fishery_processing": "Agro-forestry-fishery processing",
        "medicinal_herbs": "Medicinal herbs",
        "industrial_production": "Industrial production",
        "environment": "Environment",
        "healthcare": "Healthcare",
        "other": "Other sectors",
    },
}

RETURN_REASONS: Final = {
    "vi": {
        "incomplete": "Hồ sơ chưa đầy đủ",
        "unclear_benefit": "Chưa rõ hiệu quả, lợi ích",
        "too_early_stage": "Công nghệ còn ở giai đoạn quá sớm",
        "duplicate": "Trùng với tin đã đăng",
        "out_of_scope": "Không thuộc phạm vi của sàn",
    },
    "en": {
        "incomplete": "The listing is incomplete",
        "unclear_benefit": "The benefit is unclear",
        "too_early_stage": "The technology is at too early a stage",
        "duplicate": "It duplicates another listing",
        "out_of_scope": "It is out of the exchange's scope",
    },
}
