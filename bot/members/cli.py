"""`bot login-link <member>` and `bot token <member>`: credentials made on the machine the bot runs on."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from bot.i18n.language import _
from bot.errors import UserError
from bot.members import access
from bot.members.handlers import login_url
from bot.members.service import find_member, resolve_member, valid_ref, web_ref
from bot.store import db

CLI_ACTOR = "cli"


def credential(args, settings) -> int:
    now = datetime.now(UTC)
    try:
        with db.migrated(settings.database_url) as engine, db.session(engine) as s:
            who = args.member.strip()
            ref = who if ":" in who else web_ref(who)
            if not valid_ref(ref):
                raise UserError(_("“{who}” is not a member ref (web:alice, slack:U123, telegram:42) or a name.",
                                  who=who[:60]))
            member = find_member(s, ref) or resolve_member(s, ref, name=who if ":" not in who else None,
                                                           register=True, now=now)
            if args.command == "login-link":
                out = login_url(settings.console_url, access.issue_login_link(s, member, actor=CLI_ACTOR, now=now))
            else:
                out = access.issue_api_token(s, member, actor=CLI_ACTOR, now=now, label=args.label)
            s.commit()
    except UserError as exc:
        print(f"bot {args.command}: {exc}", file=sys.stderr)
        return 2
    print(out)
    return 0
