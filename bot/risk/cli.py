"""`bot train`, `bot eval`, and the analyzer `bot analyze` uses: the configured database's engine."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect

from bot.i18n.language import _
from bot.errors import UserError
from bot.risk import versions
from bot.risk.analyzer import Analyzer
from bot.risk.learn import Example, score
from bot.risk.watch import LiveAnalyzer
from bot.store import db

CLI_ACTOR = "cli"


def configured_analyzer(settings) -> Analyzer:
    """The engine as the configured database makes it (its watch-lists and active team model); the shipped
    engine when there is no database yet, or it cannot be read."""
    shipped = Analyzer.from_directory()
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return shipped
    try:
        engine = db.make_engine(url)
        try:
            if not inspect(engine).has_table("risk_model", schema=None):
                return shipped
            with db.session(engine) as session:
                return LiveAnalyzer(shipped).current(session)
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001 - analysing must not depend on the database being up
        print(f"bot: the database could not be read ({type(exc).__name__}); using the shipped model",
              file=sys.stderr)
        return shipped


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise UserError(_("cannot read {path}: {strerror}", path=path, strerror=exc.strerror)) from None


def _skipped(bad: list[tuple[int, str]]) -> None:
    for number, why in bad[:50]:
        print(f"line {number}: skipped: {why}", file=sys.stderr)
    if len(bad) > 50:
        print(f"… and {len(bad) - 50} more lines skipped", file=sys.stderr)


def train(args, settings) -> int:
    now = datetime.now(UTC)
    try:
        with db.migrated(settings.database_url) as engine, db.session(engine) as session:
            if args.source:
                rows, bad = versions.parse_labelled(_read(args.source))
                _skipped(bad)
                versions.add_examples(session, rows, source="import", actor=CLI_ACTOR, now=now)
                session.commit()
                print(f"imported {len(rows)} labelled examples from {args.source}"
                      + (f"; {len(bad)} lines skipped" if bad else ""))
            current = LiveAnalyzer(Analyzer.from_directory()).current(session)
            done = versions.train(session, current=current, actor=CLI_ACTOR, now=now, force=args.force)
            session.commit()
    except UserError as exc:
        print(f"bot train: {exc}", file=sys.stderr)
        return 2
    print("\n".join(versions.report_lines(done.report)))
    if done.activated:
        print(f"team-v{done.row.id} is now active" + ("" if done.report["better"] else " (forced)"))
    else:
        print(f"team-v{done.row.id} was not activated: it did not do better than the current engine "
              "(--force activates it anyway)")
    return 0


def evaluate(args, settings) -> int:
    try:
        rows, bad = versions.parse_labelled(_read(args.file))
    except UserError as exc:
        print(f"bot eval: {exc}", file=sys.stderr)
        return 2
    _skipped(bad)
    if not rows:
        print("bot eval: no labelled lines to measure", file=sys.stderr)
        return 2
    analyzer = configured_analyzer(settings)
    golds = [Example(r["text"], r["level"], r["lang"]) for r in rows]
    report = score(golds, [analyzer.analyze(g.text).level for g in golds])
    model = analyzer.model.name if analyzer.model else "rules only"
    print(f"{len(golds)} labelled messages, engine with {model}:")
    if "macro_f1" in report:
        print(f"macro-F1 {report['macro_f1']:.3f} · accuracy {report['accuracy']:.3f}")
        for level, f in report["per_level"].items():
            print(f"  {level:10} P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}")
    print(f"complaint vs none: P {report['complaint_precision']:.3f} R {report['complaint_recall']:.3f} "
          f"F1 {report['complaint_f1']:.3f}")
    for lang, figures in report.get("by_lang", {}).items():
        print(f"  {lang:8} n {figures['n']:>5} · complaint F1 {figures['complaint_f1']:.3f}"
              + (f" · macro-F1 {figures['macro_f1']:.3f}" if "macro_f1" in figures else ""))
    return 0
