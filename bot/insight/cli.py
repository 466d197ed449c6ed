"""`bot report [period] [--from --to] [--json|--csv]`: the report, or one row per case, for the team's own analysis."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.errors import UserError
from bot.insight import gather, report as figures
from bot.store import db


def report(args, settings) -> int:
    zone = ZoneInfo(settings.timezone)
    now = datetime.now(UTC)
    if (args.start is None) != (args.end is None):
        print("bot report: give both --from and --to (YYYY-MM-DD), or a period such as 7d", file=sys.stderr)
        return 2
    words = [f"{args.start}..{args.end}" if args.start else args.period]
    words += [f"{name}={getattr(args, name)}" for name in ("channel", "tier", "category", "level")
              if getattr(args, name)]
    try:
        start, end, filters = gather.parse_request(" ".join(words), now=now, zone=zone)
    except UserError as exc:
        print(f"bot report: {exc}", file=sys.stderr)
        return 2
    with db.migrated(settings.database_url) as engine, db.session(engine) as s:
        if args.csv:
            sys.stdout.write(figures.as_csv(gather.gather_rows(s, start, end, zone=zone, filters=filters)))
            return 0
        found = gather.gather_report(s, start, end, zone=zone, filters=filters, now=min(now, end))
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False))
    else:
        print(figures.as_text(found, zone_name=zone.key))
    return 0
