"""Case-level risk: what the case as a whole says beyond its latest message. Plain functions."""

from __future__ import annotations

from bot.risk.analyzer import level_rank

REPEAT_HIGH_RISK = 3  # DOMAIN.md: a complaint raised three times or more is high risk


def case_level(*, previous: str, message: str, contacts: int) -> tuple[str, str]:
    """The case's level and, when it differs from the message's, why."""
    level = max(previous, message, key=level_rank)
    reason = ""
    if level != message:
        reason = f"an earlier message on this case was {level}"
    if contacts >= REPEAT_HIGH_RISK and level_rank(level) >= level_rank("potential") and level != "high_risk":
        level, reason = "high_risk", f"contact number {contacts} from this customer"
    return level, reason
