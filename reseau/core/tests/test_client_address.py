"""Issue 12: the client's address behind the reverse proxies we trust, and only those."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from reseau.core.client_address import client_address

PROXY = "10.0.0.2"


def _request(forwarded_for: str | None = None, **meta: str):
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **meta)


def test_by_default_no_header_is_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("203.0.113.20")) == PROXY


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request("192.0.2.1, 203.0.113.20")) == "203.0.113.20"


def test_behind_two_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request("192.0.2.1, 203.0.113.20, 198.51.100.3")) == "203.0.113.20"


def test_a_request_that_skipped_the_outer_proxy_counts_the_leftmost_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request("203.0.113.20")) == "203.0.113.20"


@pytest.mark.parametrize("header", [None, "", "not-an-address", " , "])
def test_a_missing_or_malformed_header_falls_back_to_the_peer(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request(header)) == PROXY


def test_another_header_can_be_named(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    assert client_address(_request("192.0.2.1", HTTP_X_REAL_IP="203.0.113.20")) == "203.0.113.20"


def test_ipv6_addresses_are_kept(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(_request("2001:db8::1")) == "2001:db8::1"
