"""Structured facts about what a listing offers: IP rights, OCOP products, and the registration
certificate of a state-funded result (added 2026-12; all optional on the listing snapshot)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from shared.events.vocabulary import IpCategory, IpRightStatus


class IpRight(BaseModel):
    """One IP right behind an offer, e.g. the geographical indication "Ngọc Linh" for ginseng."""

    model_config = ConfigDict(frozen=True)

    category: IpCategory = Field(
        description="What kind of right.", examples=["geographical_indication"]
    )
    status: IpRightStatus = Field(description="Applied for, granted or unregistered.")
    number: str | None = Field(
        default=None,
        min_length=1,
        max_length=60,
        description="Certificate number when granted (required then); application number when "
        "pending, if known; none for an unregistered right.",
        examples=["00049"],
    )
    granted_on: date | None = Field(
        default=None, description="Day the title was granted.", examples=["2017-12-14"]
    )


class OcopProduct(BaseModel):
    """A product rated under the One Commune One Product programme (Decision 148/QĐ-TTg)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        min_length=1, max_length=200, description="Product name.", examples=["Sâm Ngọc Linh"]
    )
    stars: int = Field(ge=3, le=5, description="OCOP rating, 3 to 5 stars.", examples=[5])
    year: int = Field(ge=2018, le=2100, description="Year of the rating.", examples=[2024])


class TaskResultCertificate(BaseModel):
    """The registration certificate of a state-funded S&T task's result ("Giấy chứng nhận đăng
    ký kết quả thực hiện nhiệm vụ KH&CN"): with it, transferring the result at home needs no
    contract registration (Law on Technology Transfer 2017, art. 31.1.c)."""

    model_config = ConfigDict(frozen=True)

    number: str = Field(
        min_length=1, max_length=60, description="Certificate number.", examples=["12/2023/ĐK"]
    )
    issued_on: date = Field(description="Day it was issued.", examples=["2023-05-18"])
