"""A team's labelled examples and model versions: import, train, check, activate, roll back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.errors import UserError
from bot.levels import LEVELS
from bot.risk.learn import Example, primary, train_team
from bot.risk.model import LinearModel
from bot.risk.tables import LabelledExample, RiskModel
from bot.store.kept import Kept
from bot.store.setting import read_setting, write_setting
from bot.store.tables import Timer
from bot.text.normalize import clean_message, detect_lang
from bot.timers.runner import schedule_timer

# The watch-list and model version every message's analysis checks: kept for a few seconds per process, forgotten
# at once by whatever here adds or withdraws an entry or changes the live model.
CHANGES = Kept()

MAX_TEXT = 20_000
MIN_EXAMPLES = 20
AUTO_KEY = "model.auto"
AUTO_DEFAULT = {"after": 50}  # retrain after this many new corrections; 0 turns it off


def parse_labelled(raw: str) -> tuple[list[dict], list[tuple[int, str]]]:
    """JSON lines, or CSV with a header: `text` and `level` (or a binary `complaint` 0/1), optionally `lang`,
    `category`, `id`. Returns the good rows and, for each bad line, its number and why."""
    good, bad = [], []
    lines = raw.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                bad.append((number, "not valid JSON"))
                continue
            if not isinstance(row, dict):
                bad.append((number, "not a JSON object"))
                continue
            rows.append((number, row))
    else:
        reader = csv.DictReader(io.StringIO(raw))
        rows = [(number, row) for number, row in enumerate(reader, 2)]
    for number, row in rows:
        problem, cleaned = _check_row(row)
        if problem:
            bad.append((number, problem))
        else:
            good.append(cleaned)
    return good, bad


def _check_row(row: dict) -> tuple[str | None, dict]:
    text = row.get("text")
    if not isinstance(text, str) or not clean_message(text).strip():
        return "no text", {}
    text = clean_message(text).strip()[:MAX_TEXT]
    level = row.get("level")
    complaint = row.get("complaint")
    if level not in (None, ""):
        level = str(level).strip().lower()
        if level not in LEVELS:
            return f"level “{str(level)[:20]}” is not one of {', '.join(LEVELS)}", {}
    elif complaint not in (None, ""):
        value = str(complaint).strip().lower()
        if value not in ("0", "1", "true", "false"):
            return f"complaint “{value[:10]}” is not 0 or 1", {}
        level = "none" if value in ("0", "false") else None  # 1: at least potential, the level unknown
    else:
        return "no level and no complaint label", {}
    return None, {"text": text, "level": level, "complaint": level != "none", "lang": _lang(row, text),
                  "category": _category(row), "ref": _ref(row)}


def _lang(row: dict, text: str) -> str:
    lang = row.get("lang")
    return str(lang)[:8] if isinstance(lang, str) and lang.strip() else detect_lang(text)


def _category(row: dict) -> str | None:
    value = row.get("category")
    return str(value)[:24] if isinstance(value, str) and value.strip() else None


def _ref(row: dict) -> str | None:
    value = row.get("id")
    return str(value)[:200] if value not in (None, "") else None


def add_examples(session: Session, rows: list[dict], *, source: str, actor: str, now: datetime) -> int:
    for row in rows:
        session.add(LabelledExample(text=row["text"], lang=row["lang"], level=row["level"], complaint=row["complaint"],
                                    category=row.get("category"), engine_level=row.get("engine_level"), source=source,
                                    ref=row.get("ref"), created_by=actor, created_at=now))
    if rows:
        record_audit(session, actor=actor, action="model.examples", target=source, old=None,
                     new=f"{len(rows)} labelled examples", now=now)
    return len(rows)


def examples(session: Session) -> list[Example]:
    rows = session.exec(select(LabelledExample).order_by(LabelledExample.id))
    return [Example(r.text, r.level if r.level is not None else (None if r.complaint else "none"), r.lang) for r in rows]


def example_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(LabelledExample)).one()


def active(session: Session) -> RiskModel | None:
    return session.exec(select(RiskModel).where(RiskModel.status == "active")).first()


def load(row: RiskModel) -> LinearModel:
    return LinearModel.from_json(json.loads(row.weights))


@dataclass(frozen=True)
class Trained:
    row: RiskModel
    report: dict
    activated: bool


def train(session: Session, *, current, actor: str, now: datetime, force: bool = False) -> Trained:
    """Fit a team model on every labelled example, check it by cross-validation against the current engine,
    keep it as a new version, and make it live only when it does better (or `force`)."""
    data = examples(session)
    if len(data) < MIN_EXAMPLES:
        raise UserError(_("There are {data} labelled examples; training needs at least {min_examples}. Correct "
                          "levels on cards, or import history with `bot train --from FILE`.",
                          data=len(data), min_examples=MIN_EXAMPLES))
    number = (session.exec(select(func.max(RiskModel.id))).one() or 0) + 1
    model, report = train_team(data, current=current, name=f"team-v{number}")
    live = report["better"] or force
    row = RiskModel(id=number, status="active" if live else "rejected", weights=json.dumps(model.as_json()),
                    figures=json.dumps(report), examples=len(data), created_by=actor, created_at=now,
                    activated_at=now if live else None)
    if live:
        session.execute(update(RiskModel).where(RiskModel.status == "active").values(status="inactive"))
        CHANGES.forget(session)
    session.add(row)
    record_audit(session, actor=actor, action="model.train", target=f"v{number}",
                 old=f"{primary(report['engine']):.3f} (current engine)",
                 new=format(primary(report['model']), ".3f") + (" · active" if live else " · not activated")
                 + (" (forced)" if force and not report["better"] else ""), now=now)
    session.flush()
    return Trained(row, report, live)


def rollback(session: Session, *, actor: str, now: datetime) -> str:
    """Back to the version that was live before this one, or to the shipped model."""
    current = active(session)
    if current is None:
        raise UserError(_("The shipped model is in use; there is nothing to roll back."))
    current.status = "inactive"
    CHANGES.forget(session)
    previous = session.exec(select(RiskModel).where(RiskModel.id != current.id, RiskModel.activated_at.is_not(None),
                                                    RiskModel.activated_at <= current.activated_at)
                            .order_by(RiskModel.activated_at.desc(), RiskModel.id.desc())).first()
    if previous is not None:
        previous.status, previous.activated_at = "active", now
    now_name = f"team-v{previous.id}" if previous else "shipped"
    record_audit(session, actor=actor, action="model.rollback", target=f"v{current.id}", old=f"team-v{current.id}",
                 new=now_name, now=now)
    return now_name


def history(session: Session, limit: int = 20) -> list[RiskModel]:
    return list(session.exec(select(RiskModel).order_by(RiskModel.id.desc()).limit(limit)))


def corrections_since_training(session: Session) -> int:
    last = session.exec(select(func.max(RiskModel.created_at))).one()
    query = select(func.count()).select_from(LabelledExample).where(LabelledExample.source == "correction")
    if last is not None:
        query = query.where(LabelledExample.created_at > last)
    return session.exec(query).one()


def auto_policy(session: Session) -> dict:
    return read_setting(session, AUTO_KEY, dict(AUTO_DEFAULT))


def set_auto(session: Session, policy: dict, *, actor: str, now: datetime) -> None:
    value = json.dumps(policy)
    old = write_setting(session, AUTO_KEY, value, actor=actor, now=now) or json.dumps(AUTO_DEFAULT)
    record_audit(session, actor=actor, action="model.auto", target=AUTO_KEY, old=old, new=value, now=now)


RETRAIN_KIND = "model.retrain"


def schedule_retrain_if_due(session: Session, *, now: datetime) -> bool:
    """After enough new corrections (the admins' setting), a retrain is due: one timer row, not one a
    correction, so it goes through the durable timers and survives restarts."""
    after = int(auto_policy(session).get("after") or 0)
    if not after or corrections_since_training(session) < after:
        return False
    pending = session.exec(select(Timer.id).where(Timer.kind == RETRAIN_KIND, Timer.status.in_(("pending", "claimed")))
                           ).first()
    if pending is not None:
        return False
    schedule_timer(session, case_id=None, kind=RETRAIN_KIND, due_at=now, token=RETRAIN_KIND)
    return True


def report_lines(report: dict) -> list[str]:
    """The new model beside the current engine, as a person reads it."""
    model, engine = report["model"], report["engine"]
    lines = [f"{report['examples']} examples, {report['folds']}-fold cross-validation"
             + (", with a level head" if report.get("level_head") else "") + ":",
             f"{'':16}{'team model':>12}{'current':>10}"]
    if "macro_f1" in model and "macro_f1" in engine:
        lines.append(f"{'macro-F1':16}{model['macro_f1']:>12.3f}{engine['macro_f1']:>10.3f}")
    lines.append(f"{'complaint F1':16}{model['complaint_f1']:>12.3f}{engine['complaint_f1']:>10.3f}")
    for level in ("none", "potential", "explicit", "high_risk"):
        m, e = model.get("per_level", {}).get(level), engine.get("per_level", {}).get(level)
        if m and e:
            lines.append(f"{level + ' P/R':16}{m['precision']:>6.2f}/{m['recall']:.2f}{e['precision']:>5.2f}/{e['recall']:.2f}")
    for lang, figures in model.get("by_lang", {}).items():
        other = engine.get("by_lang", {}).get(lang, {})
        lines.append(f"{lang + ' cmpl F1':16}{figures['complaint_f1']:>12.3f}{other.get('complaint_f1', 0):>10.3f}")
    return lines
