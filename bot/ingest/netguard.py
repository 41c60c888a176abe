"""The SSRF guard: which URLs a user may make the bot fetch, and at which addresses.

A URL passes only when it is http(s), carries no user name or password, and every address
its host resolves to is public (or inside the configured allowlist, which tests use for
127.0.0.1). The checked addresses travel with the result so the fetcher connects to exactly
those, never to whatever a second DNS lookup returns (DNS rebinding).

The fetch exception tree lives here because the guard is its first raiser; `bot.ingest.fetch`
re-exports it.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_CHARS = 4096

# IPv6 prefixes that carry an IPv4 address in their last 32 bits and reach it through a
# translator (NAT64, RFC 6052 / RFC 8215); the embedded address is the real destination.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_ULA = ipaddress.IPv6Network("fc00::/7")


class FetchError(Exception):
    """A URL could not be fetched; `reason` is one clear line to show a user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchRefused(FetchError):
    """The URL is not allowed: wrong scheme, credentials, or a non-public address."""


class FetchTimeout(FetchError):
    """The server was too slow (connect, read, or the overall deadline)."""


class FetchTooLarge(FetchError):
    """The body is larger than the size cap."""


class FetchHTTPError(FetchError):
    """The server answered with a non-2xx status (or a broken redirect)."""

    def __init__(self, reason: str, status: int, url: str) -> None:
        super().__init__(reason)
        self.status = status
        self.url = url


class FetchNetworkError(FetchError):
    """DNS, connection, TLS or protocol failure."""


@dataclass(frozen=True)
class AddressPolicy:
    """Networks that may be fetched although they are not public (empty: none)."""

    allow: tuple[IPNetwork, ...] = ()
    # Per network, the one port it may be fetched on (None: any port), same order as `allow`.
    ports: tuple[int | None, ...] = ()

    @classmethod
    def from_env(cls, value: str | None) -> AddressPolicy:
        """Parse a comma-separated list of networks, each with an optional port after `@`:
        `127.0.0.1/32@8080,::1/128` (NATOSG_FETCH_ALLOW). A bare address means that single
        address; a port limits the entry to it. Raises ValueError naming a bad entry."""
        networks: list[IPNetwork] = []
        ports: list[int | None] = []
        for part in (value or "").split(","):
            entry = part.strip()
            if not entry:
                continue
            network, _, port = entry.partition("@")
            try:
                networks.append(ipaddress.ip_network(network.strip(), strict=False))
                ports.append(int(port) if port.strip() else None)
                if port.strip() and not 0 < int(port) < 65536:
                    raise ValueError(port)
            except ValueError:
                raise ValueError(
                    f"NATOSG_FETCH_ALLOW: `{entry}` is not an IP network with an optional port "
                    "(use CIDR, e.g. 127.0.0.1/32 or 127.0.0.1/32@8080)"
                ) from None
        return cls(allow=tuple(networks), ports=tuple(ports))

    def allows(self, address: IPAddress, port: int | None = None) -> bool:
        """Whether the allowlist covers this address, on this port when the entry names one
        (IPv4-mapped IPv6 counts as IPv4)."""
        plain = _unwrap(address)
        limits = self.ports or (None,) * len(self.allow)
        return any(
            plain in network and (only is None or port is None or only == port)
            for network, only in zip(self.allow, limits, strict=False)
        )


@dataclass(frozen=True)
class ResolvedTarget:
    """A checked URL and the addresses it may be fetched from.

    `host` is the ASCII (IDNA) host name for the Host header and TLS SNI; `url` is the
    normalised URL as httpx parsed it, so the checker and the fetcher never disagree.
    """

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        """The Host header value: host, bracketed if IPv6, with the port if not default."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == DEFAULT_PORTS[self.scheme]:
            return host
        return f"{host}:{self.port}"


def _unwrap(address: IPAddress) -> IPAddress:
    """The IPv4 address behind an IPv4-mapped or NAT64 IPv6 address, else the address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if any(address in prefix for prefix in _NAT64):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def non_public_kind(address: IPAddress) -> str | None:
    """Why an address is not public ("loopback", "private", ...), or None if it is public."""
    plain = _unwrap(address)
    if isinstance(plain, ipaddress.IPv6Address) and plain.sixtofour is not None:
        # 6to4 reaches the embedded IPv4 address through a relay.
        inner = non_public_kind(plain.sixtofour)
        if inner is not None:
            return f"6to4 of {inner}"
    checks = (
        (plain.is_unspecified, "unspecified"),
        (plain.is_loopback, "loopback"),
        (plain.is_link_local, "link-local"),
        (plain.is_multicast, "multicast"),
        (isinstance(plain, ipaddress.IPv4Address) and plain in _SHARED, "carrier-grade NAT"),
        (isinstance(plain, ipaddress.IPv6Address) and plain.is_site_local, "site-local"),
        (isinstance(plain, ipaddress.IPv6Address) and plain in _ULA, "unique local"),
        (plain.is_reserved, "reserved"),
        (plain.is_private, "private"),
        (not plain.is_global, "non-public"),
    )
    for failed, kind in checks:
        if failed:
            return kind
    return None


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse(url: str) -> httpx.URL:
    if len(url) > MAX_URL_CHARS:
        raise FetchRefused(f"the link is too long ({len(url)} characters)")
    # Control characters, spaces and backslashes are where URL parsers disagree.
    if any(ord(char) < 0x21 or ord(char) == 0x7F or char == "\\" for char in url):
        raise FetchRefused(
            f"{_short(url)!r} is not a valid link (it has spaces, backslashes or control "
            "characters)"
        )
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise FetchRefused(f"`{_short(url)}` is not a valid link") from None
    scheme = parsed.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"`{scheme}`" if scheme else "missing"
        raise FetchRefused(f"only http and https links can be fetched (the scheme is {shown})")
    authority = url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if parsed.userinfo or "@" in authority:
        raise FetchRefused("links with a user name or password in them are not fetched")
    if not parsed.raw_host:
        raise FetchRefused(f"`{_short(url)}` has no host name")
    try:
        parsed.host  # noqa: B018 -- decodes the IDNA labels: a malformed one fails here
    except (httpx.InvalidURL, UnicodeError, ValueError):
        raise FetchRefused(f"`{_short(url)}` has a malformed host name") from None
    return parsed


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    if _is_literal(host):
        return (ipaddress.ip_address(host),)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchNetworkError(f"could not find the server `{host}` (DNS lookup failed)") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchNetworkError(f"could not find the server `{host}` (no addresses)")
    return tuple(addresses)


def check_url(url: str, policy: AddressPolicy) -> ResolvedTarget:
    """Check a URL and resolve its host; raise FetchRefused unless it is safe to fetch.

    Every address the host resolves to must be public or inside `policy.allow`: one bad
    address refuses the whole host, since a later lookup could pick it. DNS failures raise
    FetchNetworkError.
    """
    parsed = _parse(url)
    scheme = parsed.scheme.lower()
    host = parsed.raw_host.decode("ascii").lower()
    port = parsed.port or DEFAULT_PORTS[scheme]
    addresses = _resolve(host, port)
    for address in addresses:
        if policy.allows(address, port):
            continue
        kind = non_public_kind(address)
        if kind is not None:
            shown = host if _is_literal(host) else f"{host} ({address})"
            raise FetchRefused(
                f"{shown} is not a public address ({kind}); only public addresses are fetched"
            )
    return ResolvedTarget(url=str(parsed), scheme=scheme, host=host, port=port, addresses=addresses)
