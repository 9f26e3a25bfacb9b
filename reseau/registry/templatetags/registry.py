from __future__ import annotations

from typing import Any, Protocol

from django import template

from reseau.registry.selectors import FocalPointStatus

register = template.Library()

# The language a member's own-script name is written in, for the lang attribute
# (screen readers and fonts pick the right voice and glyphs from it).
_LANGUAGE_BY_COUNTRY = {"KH": "km", "LA": "lo", "VN": "vi"}


@register.filter
def local_lang(member: Any) -> str:
    return _LANGUAGE_BY_COUNTRY.get(member.country.code, "")


@register.filter
def differs_from(local_name: str, name: str) -> bool:
    """Whether a local-script name adds something to the name already shown."""
    return bool(local_name) and local_name.casefold() != (name or "").casefold()


class MemberWithFocalPointStatus(Protocol):
    """A member as the registry's selectors annotate it (``members_with_status``)."""

    focal_point_status: str


@register.inclusion_tag("registry/_focal_point_badge.html")
def focal_point_badge(member: MemberWithFocalPointStatus) -> dict[str, Any]:
    """Whether a member's focal point is confirmed, late or awaited, with its date."""
    return {"member": member, "status": FocalPointStatus(member.focal_point_status), "Status": FocalPointStatus}
