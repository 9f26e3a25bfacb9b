"""The address of the person sending a request, seen through the reverse proxies we trust.

Behind a proxy every request arrives from the proxy's address; counting sign-in failures or
reset requests by that address would make one person's mistakes everyone's. Each trusted proxy
appends the address it received the connection from to the forwarding header, so with N trusted
proxies the client is the N-th entry from the right: entries further left were written by the
client and may be forged. With no proxy trusted (the default) only REMOTE_ADDR counts.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    peer = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    header = request.META.get(_meta_key(settings.TRUSTED_PROXY_HEADER), "")
    entries = [entry.strip() for entry in header.split(",") if entry.strip()]
    if not entries:
        return peer
    # Fewer entries than proxies: the request skipped the outer proxies; the leftmost entry was
    # still written by a proxy we trust.
    candidate = entries[-min(proxies, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return peer


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")
