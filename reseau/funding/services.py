"""Writes to funding opportunities, each with its history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_update
from reseau.funding.models import FundingOpportunity
from reseau.registry.models import Network


def opportunity_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> FundingOpportunity:
    return model_create(instance=FundingOpportunity(network=network), data=data, actor=actor)


def opportunity_update(*, actor: Actor, opportunity: FundingOpportunity, data: Mapping[str, Any]) -> bool:
    return model_update(instance=opportunity, data=data, actor=actor)
