"""An organisation's nominations through the ASGI app: the categories of open programmes only,
a short narrative refused beside its field, a rule of the awards service worded in Vietnamese,
and the nomination listed with its status."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import portal_client
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json
from tests.unit.portal.fakes_parties import InMemoryNominationDesk
from tests.unit.portal.signing import sign_in

PAGE = "/to-chuc/de-cu"
NARRATIVE = "Hợp tác xã làm chủ quy trình sấy lạnh đảng sâm, nâng giá bán gấp đôi."


@pytest.fixture
def desk() -> InMemoryNominationDesk:
    return InMemoryNominationDesk()


@pytest.fixture
async def client(desk: InMemoryNominationDesk) -> AsyncIterator[httpx.AsyncClient]:
    awards = InMemoryAwards(
        programme_json(programme_id="prg_open", status="open", title="Tôn vinh 2027"),
        programme_json(programme_id="prg_old", status="published", title="Tôn vinh 2025"),
    )
    async with portal_client(awards=awards, nomination_desk=desk) as client:
        yield client


async def test_an_organisation_nominates_itself_and_sees_the_status(
    client: httpx.AsyncClient, desk: InMemoryNominationDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    page = await client.get(PAGE)
    assert 'value="prg_open/doanh-nghiep"' in page.text
    assert "prg_old/" not in page.text  # a closed programme takes no nomination

    form = {"csrf_token": token, "choice": "prg_open/doanh-nghiep", "narrative": "Ngắn"}
    short = await client.post(PAGE, data=form)
    assert short.status_code == 422
    assert 'id="narrative-error" class="field-error">Quá ngắn: tối thiểu 20 ký tự.' in short.text

    other = form | {"narrative": NARRATIVE, "nominee_organization_id": "org_caphe_dakha"}
    refused = await client.post(PAGE, data=other)
    assert refused.status_code == 422
    assert "Doanh nghiệp, hợp tác xã chỉ tự đề cử" in refused.text

    assert (await client.post(PAGE, data=form | {"narrative": NARRATIVE})).status_code == 303
    listed = await client.get(PAGE)
    assert "HTX Dược liệu Măng Đen (tự đề cử)" in listed.text
    assert "Đã nộp, đang nhận hồ sơ" in listed.text

    again = await client.post(PAGE, data=form | {"narrative": NARRATIVE})
    assert "Đơn vị này đã được đề cử ở hạng mục này." in again.text
    assert len(desk.items) == 1
