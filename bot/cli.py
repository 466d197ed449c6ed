"""The `bot` command: serve, analyze, suggest, lint, train, eval, report, db upgrade."""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys

from pydantic import ValidationError

from bot.logs import add_known_secrets, configure_logging


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot", description="Complaint desk bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="start the web console, the chat surfaces and the timer runner")
    analyze = sub.add_parser("analyze", help="flag a customer message's escalation risk")
    analyze.add_argument("text", nargs="?", help="the message (omit with --jsonl)")
    analyze.add_argument("--json", action="store_true", help="print the result as JSON")
    analyze.add_argument("--jsonl", action="store_true",
                         help='read {"id", "text"} lines on stdin, write one result line each')
    suggest = sub.add_parser("suggest", help="a reply the agent can send, within what they may offer")
    suggest.add_argument("text", nargs="?", help="the customer's message (omit with --jsonl)")
    suggest.add_argument("--json", action="store_true", help="print the result as JSON")
    suggest.add_argument("--jsonl", action="store_true",
                         help='read {"id", "text", "tier"?, "vip"?, "annual_value"?, "name"?} lines on stdin')
    suggest.add_argument("--tier", default="agent", help="the acting agent's tier (default agent)")
    suggest.add_argument("--vip", type=int, default=0, help="the customer's VIP level")
    suggest.add_argument("--annual-value", default=None, help="the customer's annual value, e.g. 12000 or ¥12000")
    suggest.add_argument("--name", default=None, help="the customer's name")
    lintp = sub.add_parser("lint", help="check a draft reply for phrasing that makes a complaint worse")
    lintp.add_argument("text", help="the draft reply")
    lintp.add_argument("--json", action="store_true", help="print the findings as JSON")
    lintp.add_argument("--lang", choices=["zh-Hans", "zh-Hant", "en"], help="the customer's language (script check)")
    train = sub.add_parser("train", help="train the team's model on its labelled examples; activate it if better")
    train.add_argument("--from", dest="source", help="a labelled file to import first: JSON lines, or CSV with a "
                       "header (text, level or complaint 0/1; optional lang, category, id)")
    train.add_argument("--force", action="store_true", help="activate the new model even if it is not better")
    evalp = sub.add_parser("eval", help="the current engine's figures on a labelled file")
    evalp.add_argument("file", help="JSON lines, or CSV with a header (text, level or complaint 0/1)")
    link = sub.add_parser("login-link", help="print a one-time console sign-in link for a member")
    link.add_argument("member", help="a member ref (web:alice, slack:U123) or a new console member's name")
    tok = sub.add_parser("token", help="print a new API token for a member's scripts (Authorization: Bearer …)")
    tok.add_argument("member", help="a member ref (web:alice, slack:U123)")
    tok.add_argument("--label", default="", help="what the token is for")
    rep = sub.add_parser("report", help="complaint figures for a period (text, --json), or one row per case (--csv)")
    rep.add_argument("period", nargs="?", default="7d", help="7d, 30d, 24h or YYYY-MM-DD..YYYY-MM-DD (default 7d)")
    rep.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (with --to)")
    rep.add_argument("--to", dest="end", help="last day, YYYY-MM-DD, included")
    out = rep.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the report as JSON")
    out.add_argument("--csv", action="store_true", help="one row per case opened in the period")
    for name in ("channel", "tier", "category", "level"):
        rep.add_argument(f"--{name}", help=f"only cases of this {name}")
    sub.add_parser("i18n", help="bring the translation catalogues up to date with the source (繁體 from 简体 via OpenCC)")
    dbp = sub.add_parser("db", help="database tasks")
    dbp.add_argument("action", choices=["upgrade"])
    args = parser.parse_args(argv)

    configure_logging(logging.INFO if args.command == "serve" else logging.WARNING)
    if args.command == "i18n":
        from bot.i18n import cli as i18n_cli
        return i18n_cli.main()
    if args.command == "suggest":
        return _suggest(args)
    if args.command == "lint":
        return _lint(args)
    try:
        from bot.config import Settings

        settings = Settings()
    except ValidationError as exc:
        print(f"bot: invalid settings: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    add_known_secrets(settings.secret_values())
    if args.command == "analyze":
        return _analyze(args, settings)
    if args.command in ("train", "eval"):
        from bot.risk import cli as risk_cli

        return risk_cli.train(args, settings) if args.command == "train" else risk_cli.evaluate(args, settings)
    if args.command in ("login-link", "token"):
        from bot.members import cli as members_cli

        return members_cli.credential(args, settings)
    if args.command == "report":
        from bot.insight import cli as insight_cli

        return insight_cli.report(args, settings)
    if args.command == "db":
        from bot.store import db

        db.upgrade(db.make_engine(settings.database_url))
        print("database is up to date")
        return 0
    refusal = settings.serve_refusal()
    if refusal:
        print(f"bot: refusing to start: {refusal}", file=sys.stderr)
        return 2
    from bot.app import serve

    serve(settings)
    return 0


def _analyze(args, settings) -> int:
    from bot.risk.cli import configured_analyzer

    analyzer = configured_analyzer(settings)
    if args.jsonl:
        for raw in sys.stdin.buffer:
            line = raw.decode("utf-8", errors="replace").strip()
            if line:
                _emit(_analyze_line(analyzer, line))
        return 0
    if args.text is None:
        print("bot analyze: give the message text, or --jsonl to read lines on stdin", file=sys.stderr)
        return 2
    result = analyzer.analyze(args.text)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        print(f"{result.level} ({result.score}/100) · {result.category} · {result.lang}")
        for t in result.triggers:
            print(f"  “{t.phrase}” → {t.signal} (+{t.weight})")
    return 0


def _emit(out: dict) -> None:
    """One line of strict JSON (no NaN or Infinity, no lone surrogate), whatever the input was."""
    try:
        line = json.dumps(out, ensure_ascii=False, allow_nan=False)
    except ValueError:
        line = json.dumps({"id": None, "error": "the result could not be written as JSON"})
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _read_line(line: str) -> tuple[dict | None, dict | None]:
    """An input line as (item, None), or (None, the error line to answer it with)."""
    from bot.text.normalize import clean_message

    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return None, {"id": None, "error": f"not valid JSON: {str(exc)[:200]}"}
    if not isinstance(item, dict):
        return None, {"id": None, "error": 'each line must be a JSON object with a string "text"'}
    raw = item.get("id")
    if isinstance(raw, str):
        item["id"] = clean_message(raw)[:200]
    elif isinstance(raw, float) and not math.isfinite(raw) or not isinstance(raw, (str, int, float, type(None))):
        return None, {"id": None, "error": "the id must be a string or a finite number"}
    if not isinstance(item.get("text"), str):
        return None, {"id": item.get("id"), "error": 'each line must be a JSON object with a string "text"'}
    item["text"] = clean_message(item["text"])
    return item, None


def _analyze_line(analyzer, line: str) -> dict:
    """One result line for one input line; a bad line gets an error line and the run goes on."""
    item, error = _read_line(line)
    if error:
        return error
    return analyzer.analyze(item["text"]).as_json(item.get("id"))


def _suggest(args) -> int:
    from bot.errors import UserError
    from bot.text.normalize import clean_message
    from bot.playbook.offline import suggest_offline
    from bot.risk.analyzer import Analyzer

    analyzer = Analyzer.from_directory()

    def one(text: str, id=None, **fields) -> dict:
        try:
            return suggest_offline(analyzer, text, **fields).as_json(id)
        except UserError as exc:
            return {"id": id, "error": str(exc)}

    if args.jsonl:
        for raw in sys.stdin.buffer:
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            item, out = _read_line(line)
            if item is not None:
                name = item.get("name")
                out = one(item["text"], item.get("id"), tier=str(item.get("tier") or "agent"),
                          vip=item.get("vip") or 0, annual_value=item.get("annual_value"),
                          name=clean_message(name)[:200] if isinstance(name, str) else None)
            _emit(out)
        return 0
    if args.text is None:
        print("bot suggest: give the message text, or --jsonl to read lines on stdin", file=sys.stderr)
        return 2
    result = one(args.text, tier=args.tier, vip=args.vip, annual_value=args.annual_value, name=args.name)
    if args.json or "error" in result:
        print(json.dumps(result, ensure_ascii=False))
        return 0 if "error" not in result else 2
    print(result["reply"])
    if result["alternatives"]:
        print(f"\nor: {result['alternatives'][0]}")
    return 0


def _lint(args) -> int:
    from bot.playbook.lint import lint

    findings = lint(args.text, lang=args.lang)
    if args.json:
        print(json.dumps({"findings": [f.as_json() for f in findings]}, ensure_ascii=False))
    else:
        for f in findings:
            print(f"{f.rule} [{f.start}:{f.end}] “{args.text[f.start:f.end]}”: {f.why} → {f.rewrite}")
        if not findings:
            print("No findings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
