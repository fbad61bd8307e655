"""Settings of the awards service (`STX_AWARDS_…`, or `STX_…` for all services)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core


class AwardsSettings(ServiceSettings):
    service_name: ClassVar[str] = "awards"
    model_config = SettingsConfigDict(env_prefix="STX_AWARDS_", extra="ignore")

    clock_seconds: float = Field(
        default=30.0,
        gt=0,
        description="How often programmes are opened and closed by date and scheduled results "
        "published.",
    )
    certificate_font: Path = Field(
        default=_DEJAVU / "DejaVuSerif.ttf",
        description="TrueType font of certificate text; it must cover Vietnamese.",
    )
    certificate_font_bold: Path = Field(
        default=_DEJAVU / "DejaVuSerif-Bold.ttf", description="Bold face of the same family."
    )
    certificate_issuer: str = Field(
        default="Sở Khoa học và Công nghệ",
        description="Who grants the awards, as printed on certificates.",
    )
