"""The four risk levels (DOMAIN.md), lowest first: the one list every capability reads."""

from __future__ import annotations

LEVELS = ("none", "potential", "explicit", "high_risk")
# Levels that are complaints: they carry SLA clocks and count in complaint figures.
COMPLAINT_LEVELS = LEVELS[1:]


def level_rank(level: str) -> int:
    """0 for none up to 3 for high_risk; a ValueError for anything else."""
    return LEVELS.index(level)
