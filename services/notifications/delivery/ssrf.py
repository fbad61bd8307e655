"""Webhook targets must not turn the service into a proxy to internal systems (SSRF).

Only https URLs (http too in dev and test) without credentials; the host is resolved and
*every* address must be public (not loopback, private, link-local, CGNAT, multicast, reserved,
unspecified, nor an IPv6 address that tunnels IPv4 — 6to4, Teredo, NAT64 — whose relay would
reach an address the IPv4 rules refuse). The
request then goes to the address that was checked (pinned), so DNS cannot change the answer
between the check and the connection. `TargetPolicy.allow_private` lifts the address rule
(tests only).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_SCHEMES = {"http": 80, "https": 443}
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class UnsafeTargetError(ValueError):
    """The URL must not be called; the message says why."""


class UnresolvableHostError(UnsafeTargetError):
    """The host does not resolve (now): refused when subscribing, retried when delivering."""


@dataclass(frozen=True)
class TargetPolicy:
    """`allow_private`: tests only; `require_https`: everywhere but dev and test."""

    allow_private: bool = False
    require_https: bool = True


@dataclass(frozen=True)
class Target:
    url: str
    host: str
    port: int
    address: IPAddress


def check_shape(url: str, require_https: bool = False) -> SplitResult:
    """Scheme, host and credentials: what can be refused without resolving anything."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _SCHEMES:
        raise UnsafeTargetError(f"scheme {parts.scheme or '(none)'!r} is not allowed: use https")
    if require_https and parts.scheme.lower() != "https":
        raise UnsafeTargetError("webhooks are sent over https only: use an https URL")
    if not parts.hostname:
        raise UnsafeTargetError("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTargetError("credentials in the URL are not allowed: the secret signs requests")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise UnsafeTargetError("the URL's port is not valid") from exc
    return parts


def refusal(address: IPAddress) -> str | None:
    """Why an address may not be called, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return refusal(address.ipv4_mapped)
        if tunnel := _tunnel(address):
            return f"{address} is a {tunnel} address (it tunnels IPv4)"
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for name, hit in checks:
        if hit:
            return f"{address} is a {name} address"
    return None if address.is_global else f"{address} is not a public address"


def _tunnel(address: ipaddress.IPv6Address) -> str | None:
    if address.sixtofour is not None:
        return "6to4"
    if address.teredo is not None:
        return "Teredo"
    if any(address in network for network in _NAT64):
        return "NAT64"
    return None


async def resolve_target(url: str, policy: TargetPolicy) -> Target:
    parts = check_shape(url, policy.require_https)
    host = parts.hostname or ""
    port = parts.port or _SCHEMES[parts.scheme.lower()]
    addresses = await _resolve(host, port)
    if not policy.allow_private:
        for address in addresses:
            reason = refusal(address)
            if reason:
                raise UnsafeTargetError(f"{host} resolves to a refused address: {reason}")
    return Target(url=url.strip(), host=host, port=port, address=addresses[0])


async def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UnresolvableHostError(f"{host} does not resolve: {exc.strerror or exc}") from exc
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise UnresolvableHostError(f"{host} has no address")
    return addresses
