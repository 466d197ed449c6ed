"""Which cases a list or a report covers: by level, the tier holding them, category and channel."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import exists

from bot.cases.tables import Case, CaseMessage


@dataclass(frozen=True)
class Filters:
    level: str | None = None
    tier: str | None = None  # the grade holding the case: F..A
    category: str | None = None
    channel: str | None = None  # the platform its messages came from: slack, telegram, web

    def as_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v}

    def conditions(self) -> list:
        """The SQL conditions on `case` that keep only the cases these filters name."""
        out = []
        if self.level:
            out.append(Case.level == self.level)
        if self.tier:
            out.append(Case.tier_grade == self.tier)
        if self.category:
            out.append(Case.category == self.category)
        if self.channel:
            out.append(exists().where(CaseMessage.case_id == Case.id, CaseMessage.platform == self.channel))
        return out
