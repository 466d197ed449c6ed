"""Case-level risk: what the case as a whole says beyond its latest message. Plain functions over plain data."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from bot.levels import LEVELS, level_rank

POLICY_FILE = Path(__file__).with_name("case_risk.toml")


@dataclass(frozen=True)
class CaseContext:
    """What the case knows when a message arrives."""

    contacts: int = 1  # the customer's messages on record, this one included
    vip_level: int = 0
    annual_value_minor: int | None = None
    currency: str = "CNY"
    waited: timedelta = timedelta(0)  # since the case opened
    first_response: Mapping[str, timedelta] = field(default_factory=dict)  # the SLA window per level
    escalations: int = 0


@lru_cache(maxsize=1)
def policy() -> dict:
    with POLICY_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _up(level: str, ceiling: str = "high_risk") -> str:
    lifted = LEVELS[min(level_rank(level) + 1, len(LEVELS) - 1)]
    return lifted if level_rank(lifted) <= level_rank(ceiling) else level


def case_level(*, previous: str, message: str, context: CaseContext) -> tuple[str, str]:
    """The case's level and, when it differs from the message's, why (reasons joined by "; ")."""
    rules = policy()
    level = max(previous, message, key=level_rank)
    reasons = []
    if level != message:
        reasons.append(f"an earlier message on this case was {level}")
    if level == "none":
        return level, "; ".join(reasons)

    def lift(new: str, why: str) -> None:
        nonlocal level
        if level_rank(new) > level_rank(level):
            level = new
            reasons.append(why)

    contacts = rules["contacts"]
    if context.contacts >= contacts["high_risk"]:
        lift("high_risk", f"contact number {context.contacts} from this customer")
    elif context.contacts >= contacts["explicit"]:
        lift("explicit", f"contact number {context.contacts} from this customer")

    value = rules["value"]
    threshold = value["annual_value"].get(context.currency)
    valuable = [f"VIP {context.vip_level}"] if context.vip_level >= value["vip_level"] else []
    if threshold is not None and context.annual_value_minor is not None and context.annual_value_minor >= threshold * 100:
        valuable.append(f"annual value {context.annual_value_minor // 100:,} {context.currency}")
    if valuable:
        lift(_up(level, value["ceiling"]), f"high-value customer ({', '.join(valuable)})")

    window = context.first_response.get(level)
    if window is not None and context.waited > window:
        hours = context.waited.total_seconds() / 3600
        lift(_up(level), f"customer has waited {hours:.1f} h, past the {window.total_seconds() / 3600:g} h "
                         f"first response for {level}")

    if context.escalations >= rules["escalations"]["lift_after"]:
        lift(_up(level), f"already escalated {context.escalations}× and the customer is still complaining")
    return level, "; ".join(reasons)
