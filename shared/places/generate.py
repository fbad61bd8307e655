"""Regenerate `data/units.json` from the pinned `vietnamadminunits` package (a dev dependency).

`python -m shared.places.generate` writes the snapshot; `--check` exits 1 when the committed
snapshot differs from what the installed package gives (the drift test runs it).

Why a snapshot rather than the package at run time: the package resolves *address strings by
name*, while STX's forms, events and imports carry GSO *codes*; for the 471 old communes split
between several new ones its converter geocodes the street through a public web service
(geopy/Nominatim), which a provincial cluster must not call with users' addresses; and it loads
11 MB and shapely to answer what a 5-digit code lookup answers. Its data is taken as it is
(licence MIT, version pinned in pyproject.toml): the official units after Resolution
1677/NQ-UBTVQH15 and the 34 provinces of Resolution 202/2025/QH15, the units before them, and
the official old → new mapping. `tests/unit/places/test_snapshot.py` checks it against the
resolutions for Quảng Ngãi and Kon Tum and against the independent `vietnam-provinces` package.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).parent / "data" / "units.json"
PACKAGE = "vietnamadminunits"


def _short_province(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def build() -> dict[str, Any]:
    """The snapshot: today's provinces and communes, the former units, and old → new."""
    root = resources.files(PACKAGE) / "data"
    converter = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))
    with resources.as_file(root / "dataset.db") as path:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        now = db.execute(
            "select provinceKey, provinceCode, province, wardKey, wardCode, ward "
            "from admin_units order by wardCode"
        ).fetchall()
        before = db.execute(
            "select provinceKey, provinceCode, province, districtKey, districtCode, district, "
            "wardKey, wardCode, ward from admin_units_legacy order by districtCode, wardCode"
        ).fetchall()
        db.close()
    new_code = {(p, w): code for p, _, _, w, code, _ in now}
    provinces_now = {code: _short_province(name) for _, code, name, *_ in now}
    new_province_code = {p: code for p, code, *_ in now}
    successors: dict[str, list[str]] = {}  # old "province_district_ward" key → new ward codes
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            for old in old_keys:
                successors[old] = [new_code[(province, ward)]]
    for province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():  # the default new ward first
            ordered = sorted(news, key=lambda n: not n["isDefaultNewWard"])
            successors[old] = [new_code[(province, n["newWardKey"])] for n in ordered]
    merged_into = {
        old: new_province_code[new]
        for new, olds in converter["DICT_PROVINCE"].items()
        for old in olds
    }
    provinces_before: dict[str, list[str]] = {}
    districts_before: dict[str, list[Any]] = {}
    communes_before: list[list[Any]] = []
    for pk, pcode, pname, dk, dcode, dname, wk, wcode, wname in before:
        provinces_before[pcode] = [_short_province(pname), merged_into[pk]]
        heirs = successors[f"{pk}_{dk}_{wk or ''}"]
        if wcode is None:  # an island district without communes became a special zone
            districts_before[dcode] = [dname, pcode, heirs]
            continue
        districts_before.setdefault(dcode, [dname, pcode, []])
        communes_before.append([wcode, wname, dcode, heirs])
    return {
        "source": {
            "package": PACKAGE,
            "version": metadata.version(PACKAGE),
            "licence": "MIT",
        },
        "provinces": sorted([code, name] for code, name in provinces_now.items()),
        "communes": [[code, name, pcode] for _, pcode, _, _, code, name in now],
        "former_provinces": sorted([code, *rest] for code, rest in provinces_before.items()),
        "former_districts": sorted([code, *rest] for code, rest in districts_before.items()),
        "former_communes": communes_before,
    }


def render(snapshot: dict[str, Any]) -> str:
    """One unit per line: diffs of a future update stay readable."""
    lines = ["{"]
    sections = list(snapshot.items())
    for index, (key, value) in enumerate(sections):
        comma = "," if index < len(sections) - 1 else ""
        if isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
            continue
        rows = [f"    {json.dumps(row, ensure_ascii=False)}" for row in value]
        lines.append(f"  {json.dumps(key)}: [\n" + ",\n".join(rows) + f"\n  ]{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render(build())
    if "--check" in args:
        if SNAPSHOT.read_text(encoding="utf-8") != text:
            print(f"{SNAPSHOT} differs from {PACKAGE}; run python -m shared.places.generate")
            return 1
        return 0
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
