"""The webhook SSRF guard: what a subscriber's URL may point at."""

from __future__ import annotations

import ipaddress

import pytest

from services.notifications.delivery.ssrf import (
    TargetPolicy,
    UnsafeTargetError,
    check_shape,
    refusal,
    resolve_target,
)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("gopher://congthongtin.quangngai.gov.vn/", "scheme 'gopher'"),
        ("ftp://congthongtin.quangngai.gov.vn/hook", "scheme 'ftp'"),
        ("congthongtin.quangngai.gov.vn/hook", "scheme"),
        ("https://", "no host"),
        ("https://admin:matkhau@congthongtin.quangngai.gov.vn/hook", "credentials"),
        ("https://congthongtin.quangngai.gov.vn:99999/hook", "port"),
    ],
)
def test_urls_of_the_wrong_shape_are_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeTargetError, match=reason):
        check_shape(url)


def test_plain_http_is_refused_where_https_is_required() -> None:
    with pytest.raises(UnsafeTargetError, match="https"):
        check_shape("http://congthongtin.quangngai.gov.vn/hook", require_https=True)
    assert check_shape("https://congthongtin.quangngai.gov.vn/hook", require_https=True)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.20.30.40", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.10", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("100.64.0.1", "not a public"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address to refuse, not to bind
        ("224.0.0.1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("240.0.0.1", "reserved"),
        ("2002:7f00:1::1", "6to4"),  # 6to4 of 127.0.0.1
        ("2002:cb71:8301::1", "6to4"),  # 6to4 of a public address: still a tunnel, refused
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        ("64:ff9b::a00:1", "NAT64"),  # NAT64 of 10.0.0.1
        ("64:ff9b:1::a00:1", "NAT64"),
    ],
)
def test_internal_addresses_are_refused(address: str, reason: str) -> None:
    found = refusal(ipaddress.ip_address(address))
    assert found is not None
    assert reason in found


@pytest.mark.parametrize("address", ["203.113.131.1", "14.225.0.1", "2001:ee0:4001::1"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://localhost/hook"]
)
async def test_loopback_targets_are_refused_by_default(url: str) -> None:
    with pytest.raises(UnsafeTargetError, match="refused address"):
        await resolve_target(url, TargetPolicy(require_https=False))


async def test_the_setting_lets_tests_reach_a_loopback_receiver() -> None:
    target = await resolve_target(
        "http://127.0.0.1:8080/hook", TargetPolicy(allow_private=True, require_https=False)
    )
    assert str(target.address) == "127.0.0.1"
    assert target.port == 8080


async def test_a_public_address_is_pinned_for_the_request() -> None:
    target = await resolve_target("https://203.113.131.1/hooks/stx", TargetPolicy())
    assert (target.host, target.port, str(target.address)) == (
        "203.113.131.1",
        443,
        "203.113.131.1",
    )
