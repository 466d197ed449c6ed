"""Grades and grading: plain functions over plain data (the matrix in grading.toml, or an admin's edit of it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.i18n.language import _
from bot.levels import LEVELS

GRADES = ("F", "E", "D", "C", "B", "A")  # lowest to highest
GRADING_FILE = Path(__file__).with_name("grading.toml")
LADDER_FILE = Path(__file__).with_name("ladder.toml")


def grade_rank(grade: str) -> int:
    return GRADES.index(grade)


def raise_grade(grade: str, steps: int = 1) -> str:
    return GRADES[max(0, min(len(GRADES) - 1, grade_rank(grade) + steps))]


def valid_grade(text: str) -> str | None:
    grade = text.strip().upper()
    return grade if grade in GRADES else None


@dataclass(frozen=True)
class GradingMatrix:
    """Base grade per level, and "at or above this, raise by that" steps for VIP level, contacts and value."""

    base: dict[str, str]
    vip: dict[int, int] = field(default_factory=dict)
    contacts: dict[int, int] = field(default_factory=dict)
    value: dict[str, dict[int, int]] = field(default_factory=dict)  # currency → major units → steps

    @classmethod
    def from_data(cls, data: dict) -> GradingMatrix:
        return cls(base=dict(data["base"]),
                   vip={int(k): int(v) for k, v in data.get("vip", {}).items()},
                   contacts={int(k): int(v) for k, v in data.get("contacts", {}).items()},
                   value={cur: {int(k): int(v) for k, v in steps.items()} for cur, steps in data.get("value", {}).items()})

    def to_data(self) -> dict:
        return {"base": self.base, "vip": {str(k): v for k, v in self.vip.items()},
                "contacts": {str(k): v for k, v in self.contacts.items()},
                "value": {cur: {str(k): v for k, v in steps.items()} for cur, steps in self.value.items()}}

    def describe(self) -> list[str]:
        def steps(rules: dict[int, int], unit: str) -> str:
            return ", ".join(f"≥{k:,}{unit} +{v}" for k, v in sorted(rules.items())) or "—"
        lines = [_("base:") + " " + ", ".join(f"{_(lv)} {self.base[lv]}" for lv in LEVELS if lv in self.base),
                 _("VIP level:") + " " + steps(self.vip, ""), _("contacts:") + " " + steps(self.contacts, "")]
        lines += [_("annual value ({currency}):", currency=cur) + " " + steps(rules, "")
                  for cur, rules in sorted(self.value.items())]
        return lines


@lru_cache(maxsize=1)
def default_matrix() -> GradingMatrix:
    with GRADING_FILE.open("rb") as fh:
        return GradingMatrix.from_data(tomllib.load(fh))


@lru_cache(maxsize=1)
def default_ladder() -> dict:
    with LADDER_FILE.open("rb") as fh:
        return tomllib.load(fh)


def _steps(rules: dict[int, int], value: int | None) -> tuple[int, int | None]:
    """The steps of the highest threshold the value reaches, and that threshold."""
    if value is None:
        return 0, None
    reached = [k for k in rules if value >= k]
    if not reached:
        return 0, None
    top = max(reached)
    return rules[top], top


def grade_case(matrix: GradingMatrix, *, level: str, vip_level: int, annual_value_minor: int | None,
               currency: str, contacts: int) -> tuple[str, str]:
    """The case's grade from its level and impact, and the reason in words."""
    grade = matrix.base.get(level, "F")
    reasons = [f"{level} → {grade}"]
    vip, _unused = _steps(matrix.vip, vip_level)
    if vip:
        reasons.append(f"VIP {vip_level} +{vip}")
    many, _unused = _steps(matrix.contacts, contacts)
    if many:
        reasons.append(f"{contacts} contacts +{many}")
    major = annual_value_minor // 100 if annual_value_minor is not None else None
    worth, _unused = _steps(matrix.value.get(currency, {}), major)
    if worth:
        reasons.append(f"annual value {major:,} {currency} +{worth}")
    total = vip + many + worth
    return raise_grade(grade, total), "; ".join(reasons)


def escalation_target(*, tier_grade: str, case_grade: str) -> str:
    """Up one grade from where the case is, or straight to the case's own grade when that is higher."""
    up = raise_grade(tier_grade, 1)
    return max(up, case_grade, key=grade_rank)
