"""A sector and product vocabulary of the exchange: phrases people write → the topic they name.

Demands are written by cooperatives and small enterprises in everyday words ("máy sấy nông sản
mini", "sản phẩm thuốc từ dược liệu"), offers by researchers in technical ones ("sấy bơm nhiệt",
"chiết xuất saponin"). Both sides are tagged with the topics their phrases name, so a demand and
an offer that share a topic share a term even when they share no word (see `concepts.py`).

Each phrase is written with its diacritics, lower case. A phrase of one syllable is recognised
only as written (folded, `sâm` would also be `sắm`, `cá` also `cà`); a phrase of two syllables
or more is also recognised typed without diacritics. English phrases serve English listings.
General Vietnamese knowledge of the sectors — never a listing of the evaluation sets.
"""

from __future__ import annotations

TOPICS: dict[str, tuple[str, ...]] = {
    "drying": (
        "sấy", "máy sấy", "lò sấy", "sấy lạnh", "sấy khô", "sấy thăng hoa", "bơm nhiệt",
        "sấy nông sản", "phơi sấy", "dryer", "drying", "dried", "dehydration", "freeze drying",
    ),
    "medicinal_plants": (
        "dược liệu", "cây thuốc", "thảo dược", "sâm", "nhân sâm", "sâm ngọc linh", "đương quy",
        "đảng sâm", "cà gai leo", "tam thất", "hà thủ ô", "sa nhân", "actiso", "atiso",
        "giảo cổ lam", "xạ đen", "diệp hạ châu", "kim tiền thảo", "ba kích", "đinh lăng",
        "linh chi", "củ nghệ", "nghệ vàng", "tinh bột nghệ", "curcumin", "saponin", "ginseng",
        "herbal", "herbs", "medicinal",
        "thuốc nam", "thuốc đông y", "y học cổ truyền",
    ),
    "extraction": (
        "chiết xuất", "cao dược liệu", "tinh chất", "hoạt chất", "cao khô", "cao lỏng",
        "extract", "extraction", "tinh dầu", "essential oil", "chưng cất",
    ),
    "functional_food": (
        "thực phẩm chức năng", "thực phẩm bảo vệ sức khỏe", "viên nang", "trà túi lọc",
        "sản phẩm thuốc", "dietary supplement", "supplement",
    ),
    "coffee": ("cà phê", "robusta", "arabica", "coffee", "rang xay"),
    "pepper": ("hồ tiêu", "cây tiêu", "tiêu đen", "pepper"),
    "fish_farming": (
        "nuôi cá", "cá lồng", "cá nước ngọt", "cá nước lạnh", "cá tầm", "cá hồi", "cá rô phi",
        "cá tra", "cá basa", "thủy sản", "nuôi trồng thủy sản", "ao nuôi", "aquaculture",
        "fish farming", "fish",
    ),
    "shrimp_seafood": (
        "tôm", "nuôi tôm", "tôm thẻ", "tôm sú", "hải sản", "nhuyễn thể", "nước mắm",
        "shrimp", "seafood", "fish sauce",
    ),
    "propagation": (
        "nhân giống", "cây giống", "con giống", "giống cây", "chọn giống", "chọn tạo giống",
        "tạo giống", "giống mới", "giống lúa", "nuôi cấy mô", "vi nhân giống", "ghép cành",
        "ghép mắt", "cây ghép", "vườn ươm", "tissue culture", "seedlings", "seedling",
        "propagation", "grafting", "variety",
    ),
    "wastewater": (
        "nước thải", "xử lý nước", "nước thải sinh hoạt", "nước thải công nghiệp", "bể lắng",
        "uasb", "cod", "bod", "wastewater", "effluent", "water treatment",
    ),
    "waste_and_compost": (
        "chất thải", "rác thải", "xử lý rác", "phân chuồng", "ủ phân", "phân compost",
        "compost", "phế phụ phẩm", "phụ phẩm nông nghiệp", "khử mùi", "biogas", "khí sinh học",
        "manure", "waste", "odour", "odor",
    ),
    "fertiliser": (
        "phân bón", "phân hữu cơ", "phân vi sinh", "hữu cơ vi sinh", "chế phẩm vi sinh",
        "fertiliser", "fertilizer", "organic fertiliser",
    ),
    "biocontrol": (
        "sâu bệnh", "bệnh hại", "phòng trừ", "chế phẩm sinh học", "thuốc bảo vệ thực vật",
        "trichoderma", "nấm đối kháng", "thiên địch", "héo xanh", "tuyến trùng", "pest",
        "disease control", "biopesticide",
    ),
    "processing_line": (
        "chế biến", "dây chuyền", "dây chuyền chế biến", "sơ chế", "chế biến sâu",
        "processing", "processing line",
    ),
    "preservation": (
        "bảo quản", "sau thu hoạch", "kho lạnh", "bảo quản lạnh", "màng bao", "kéo dài thời gian",
        "postharvest", "cold storage", "shelf life", "preservation",
    ),
    "packaging_branding": (
        "bao bì", "đóng gói", "nhãn hiệu", "thương hiệu", "tem nhãn", "mẫu mã", "packaging",
        "branding", "label",
    ),
    "traceability": (
        "truy xuất", "truy xuất nguồn gốc", "mã qr", "qr code", "traceability", "blockchain",
    ),
    "ocop": ("ocop", "sản phẩm ocop", "đặc sản"),
    "irrigation": (
        "tưới", "tưới nhỏ giọt", "tưới phun", "tưới tiết kiệm", "tưới tự động", "irrigation",
        "drip irrigation",
    ),
    "digital_monitoring": (
        "iot", "cảm biến", "giám sát", "điều khiển tự động", "tự động hóa", "phần mềm", "ứng dụng",
        "nền tảng số", "chuyển đổi số", "app", "software", "sensor", "sensors", "monitoring",
        "automation", "smart",
    ),
    "machinery": (
        "máy", "thiết bị", "cơ giới hóa", "chế tạo máy", "machine", "machinery", "equipment",
    ),
    "livestock": (
        "chăn nuôi", "heo", "lợn", "gà", "bò", "dê", "trâu", "gia súc", "gia cầm", "chuồng trại",
        "thú y", "vắc xin", "pig", "pigs", "cattle", "poultry", "livestock", "veterinary",
    ),
    "animal_feed": (
        "thức ăn", "thức ăn chăn nuôi", "thức ăn thủy sản", "thức ăn viên", "feed", "animal feed",
    ),
    "fruit": (
        "trái cây", "hoa quả", "cây ăn quả", "cây ăn trái", "chanh leo", "chanh dây",
        "sầu riêng", "chuối", "xoài", "mít", "bưởi", "thanh long", "quả vải", "nhãn lồng",
        "dứa", "khóm", "bơ", "fruit", "fruits", "passion fruit", "durian", "banana", "mango",
        "avocado", "pomelo", "dragon fruit",
    ),
    "vegetables_greenhouse": (
        "rau", "nhà màng", "nhà kính", "nhà lưới", "thủy canh", "cà chua",
        "dưa lưới", "dưa leo", "ớt", "greenhouse", "hydroponic", "hydroponics", "vegetables",
        "tomato", "melon",
    ),
    "rice_grain": ("lúa", "gạo", "lúa gạo", "ngô", "bắp", "rice", "paddy", "maize", "corn"),
    "starch_tubers": ("sắn", "khoai mì", "tinh bột", "khoai lang", "cassava", "tapioca", "starch"),
    "nuts": ("mắc ca", "hạt điều", "cây điều", "macadamia", "cashew"),
    "fermentation": ("lên men", "men vi sinh", "ủ men", "fermentation", "probiotic", "probiotics"),
    "mushrooms": ("nấm ăn", "nấm rơm", "nấm bào ngư", "trồng nấm", "nấm linh chi", "mushroom"),
    "tea": ("chè", "trà xanh", "búp chè", "đồi chè", "tea"),
    "honey_bees": ("mật ong", "nuôi ong", "ong mật", "honey", "beekeeping"),
    "forestry_wood": (
        "gỗ", "lâm sản", "rừng trồng", "keo lai", "đồ gỗ", "nội thất", "ván ép", "timber", "wood",
        "forestry", "furniture",
    ),
    "healthcare": (
        "y tế", "bệnh viện", "khám chữa bệnh", "chẩn đoán", "xét nghiệm", "điều trị", "bệnh nhân",
        "trạm y tế", "medical", "hospital", "diagnosis", "diagnostic", "clinic", "patients",
    ),
    "energy": (
        "năng lượng mặt trời", "điện mặt trời", "tiết kiệm năng lượng", "năng lượng tái tạo",
        "sinh khối", "biomass", "solar", "energy saving", "renewable energy",
    ),
    "plastics_materials": (
        "túi nilon", "nhựa", "phân hủy sinh học", "composite", "plastic", "biodegradable",
    ),
    "soil": ("cải tạo đất", "đất bạc màu", "thoái hóa đất", "độ phì", "soil"),
    "salt": ("diêm dân", "đồng muối", "sản xuất muối", "muối biển", "salt"),
}  # fmt: skip
"""Topic → the phrases that name it (one phrase may name several topics)."""
