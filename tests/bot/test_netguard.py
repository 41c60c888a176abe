"""The SSRF guard on its own: schemes, credentials, address classes and the allowlist.

Only IP literals and a fake resolver are used, so these tests send no traffic at all.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from bot.ingest.netguard import (
    AddressPolicy,
    FetchNetworkError,
    FetchRefused,
    check_url,
    non_public_kind,
)

NOBODY = AddressPolicy()
LOCAL = AddressPolicy.from_env("127.0.0.1/32")


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """A fake getaddrinfo answering from this table (unknown names fail, as offline)."""
    table: dict[str, list[str]] = {}

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (address, port),
            )
            for address in table[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://203.0.113.9/file", "only http and https"),
        ("gopher://203.0.113.9:70/_GET", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("//8.8.8.8/path", "only http and https"),
        ("http://user:pass@8.8.8.8/", "user name or password"),
        ("http://user@8.8.8.8/", "user name or password"),
        ("http://@8.8.8.8/", "user name or password"),
        ("http://8.8.8.8\\@127.0.0.1/", "not a valid link"),
        ("http://8.8.8.8/\nHost: evil", "not a valid link"),
        ("http:///path-only", "no host name"),
        ("http://" + "a" * 5000, "too long"),
    ],
)
def test_bad_links_are_refused_with_a_one_line_reason(url: str, words: str) -> None:
    with pytest.raises(FetchRefused) as caught:
        check_url(url, LOCAL)
    assert words in caught.value.reason
    assert "\n" not in caught.value.reason


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("fd12:3456::1", "unique local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "private"),  # documentation range
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "link-local"),
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("2002:7f00:1::", "6to4 of loopback"),
        ("2001:db8::1", "private"),
    ],
)
def test_non_public_addresses_are_classified(address: str, kind: str) -> None:
    assert non_public_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_pass(address: str) -> None:
    assert non_public_kind(ipaddress.ip_address(address)) is None


def test_ip_literal_is_checked_without_a_lookup(resolver: dict[str, list[str]]) -> None:
    target = check_url("http://8.8.8.8:8080/news?id=1", NOBODY)
    assert target.addresses == (ipaddress.ip_address("8.8.8.8"),)
    assert (target.scheme, target.host, target.port) == ("http", "8.8.8.8", 8080)
    assert target.host_header == "8.8.8.8:8080"


def test_ipv6_literal_host_header_is_bracketed() -> None:
    target = check_url("https://[2606:4700:4700::1111]/", NOBODY)
    assert target.port == 443
    assert target.host_header == "[2606:4700:4700::1111]"


def test_loopback_needs_the_allowlist() -> None:
    with pytest.raises(FetchRefused, match="loopback"):
        check_url("http://127.0.0.1:8000/", NOBODY)
    assert check_url("http://127.0.0.1:8000/", LOCAL).port == 8000


def test_allowlist_does_not_open_other_private_ranges() -> None:
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"):
        with pytest.raises(FetchRefused):
            check_url(url, LOCAL)
    # Only the listed address, not its /8 neighbours.
    with pytest.raises(FetchRefused):
        check_url("http://127.0.0.2/", LOCAL)


def test_allowlist_covers_ipv4_mapped_form() -> None:
    assert check_url("http://[::ffff:127.0.0.1]:9/", LOCAL).port == 9


def test_name_is_resolved_and_every_address_must_pass(resolver: dict[str, list[str]]) -> None:
    resolver["news.example"] = ["93.184.216.34", "2606:2800:220:1::1"]
    target = check_url("https://News.Example/a", NOBODY)
    assert target.host == "news.example"
    assert [str(a) for a in target.addresses] == ["93.184.216.34", "2606:2800:220:1::1"]
    resolver["mixed.example"] = ["93.184.216.34", "169.254.169.254"]
    with pytest.raises(FetchRefused, match=r"mixed\.example \(169\.254\.169\.254\)"):
        check_url("https://mixed.example/", NOBODY)


def test_internationalised_name_is_looked_up_in_ascii(resolver: dict[str, list[str]]) -> None:
    resolver["xn--bcher-kva.example"] = ["93.184.216.34"]
    assert check_url("http://bücher.example/", NOBODY).host == "xn--bcher-kva.example"


def test_unknown_name_is_a_network_error(resolver: dict[str, list[str]]) -> None:
    with pytest.raises(FetchNetworkError, match="DNS lookup failed"):
        check_url("http://nowhere.example/", NOBODY)


def test_policy_from_env() -> None:
    assert AddressPolicy.from_env(None).allow == ()
    assert AddressPolicy.from_env("  ").allow == ()
    policy = AddressPolicy.from_env("127.0.0.1/32, ::1 ,10.1.0.0/16,")
    assert [str(network) for network in policy.allow] == ["127.0.0.1/32", "::1/128", "10.1.0.0/16"]
    with pytest.raises(ValueError, match="NATOSG_FETCH_ALLOW: `localhost`"):
        AddressPolicy.from_env("127.0.0.1/32,localhost")


@pytest.mark.parametrize("url", ["http://xn--/", "http://xn--zz-/path"])
def test_malformed_idna_host_is_refused(url: str) -> None:
    with pytest.raises(FetchRefused, match="malformed host name"):
        check_url(url, AddressPolicy())


def test_an_allowlist_entry_with_a_port_opens_only_that_port() -> None:
    policy = AddressPolicy.from_env("127.0.0.1/32@8080")
    assert check_url("http://127.0.0.1:8080/feed.xml", policy).port == 8080
    with pytest.raises(FetchRefused):
        check_url("http://127.0.0.1:6379/", policy)  # another service on the same host
    anyport = AddressPolicy.from_env("127.0.0.1/32")
    assert check_url("http://127.0.0.1:6379/", anyport).port == 6379
    for bad in ("127.0.0.1/32@http", "127.0.0.1/32@70000"):
        with pytest.raises(ValueError, match="optional port"):
            AddressPolicy.from_env(bad)
