"""What members register: `language`, `console`, `token` and `role` (admin)."""

from __future__ import annotations

import json

from bot.audit.service import record_audit
from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.i18n.language import LANGUAGES, NAMES, _, language_of, read_by, reader
from bot.members.service import language_for, list_members, lookup_member, set_role, team_language
from bot.store.setting import write_setting
from bot.members import access
from bot.messages import Outbound, answer, direct


def _cmd_role(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "list" or not verb:
        lines = [f"{m.display_name} ({m.ref}) · {m.role}" for m in list_members(ctx.session)]
        return answer("\n".join(lines) or _("No members yet."), title=_("Roles"))
    who, _sep, role = rest.strip().rpartition(" ")
    if verb not in ("grant", "revoke") or not who.strip():
        raise UserError(_("Usage: role grant <member> <role> · role revoke <member> <role> · role list"))
    member = lookup_member(ctx.session, who)
    role = role.lower()
    if verb == "revoke":
        if member.role != role:
            raise UserError(_("{display_name} is {role}, not {role2}; nothing to revoke.",
                              display_name=member.display_name, role=member.role, role2=role[:20]))
        role = "agent"
    old = set_role(ctx.session, member, role, actor=ctx.member, now=ctx.now)
    return answer(f"{member.display_name} ({member.ref}): {old} → {role}.")


def _cmd_language(ctx: Context, args: str) -> list[Outbound]:
    """`language` shows yours; `language zh-Hant` chooses it; `language auto` follows your platform again;
    `language team zh-Hans` (admin) sets what timers and shared cards are written in."""
    words = args.split()
    if not words:
        return answer(_("You read the bot in {language}; the team's language is {team}. "
                        "Choose with: language en · language zh-Hans · language zh-Hant · language auto",
                        language=NAMES[reader()], team=NAMES[team_language(ctx.session)]))
    if words[0].lower() == "team":
        chosen = _chosen(" ".join(words[1:]))
        old = write_setting(ctx.session, "language", json.dumps(chosen), actor=ctx.member.ref, now=ctx.now)
        record_audit(ctx.session, actor=ctx.member.ref, action="language.team", target="team",
                     old=json.loads(old) if old else "en", new=chosen, now=ctx.now)
        return answer(_("The team's language is now {language}.", language=NAMES[chosen]))
    if words[0].lower() == "auto":
        ctx.member.language = None
    else:
        ctx.member.language = _chosen(" ".join(words))
    read_by(language_for(ctx.session, ctx.member))
    return answer(_("From now on the bot speaks {language} to you.", language=NAMES[reader()]))


def _chosen(word: str) -> str:
    language = word if word in LANGUAGES else language_of(word)
    if language is None:
        raise UserError(_("“{word}” is not a language the bot speaks; choose en, zh-Hans or zh-Hant.",
                          word=word[:20]))
    return language


def login_url(base: str, raw: str) -> str:
    return f"{base}/login#{raw}"  # in the fragment: a browser never sends it to a server or a log


def _cmd_console(ctx: Context, args: str) -> list[Outbound]:
    """A sign-in link for the console, sent to the member alone: it signs them in as this chat identity."""
    raw = access.issue_login_link(ctx.session, ctx.member, actor=ctx.member.ref, now=ctx.now)
    text = (_("Your sign-in link for the console (one use, {value} minutes): {value2}",
              value=int(access.LOGIN_TTL.total_seconds() // 60), value2=login_url(ctx.team.console_url, raw)))
    return [direct(ctx.member.ref, text)]


def _cmd_token(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb in ("", "list"):
        lines = [f"#{c.id} · {m.display_name} ({m.ref}) · {c.label or 'no label'} · made {c.created_at:%Y-%m-%d} by "
                 f"{c.created_by}" + (" · REVOKED" if c.revoked_at else "") for c, m in access.list_tokens(ctx.session)]
        return answer("\n".join(lines) or _("No API tokens. `bot token <member>` makes one."), title=_("API tokens"))
    if verb == "revoke":
        row = access.revoke_token(ctx.session, rest.strip(), actor=ctx.member.ref, now=ctx.now)
        return answer(_("Token #{id} is revoked; requests with it are refused from now on.", id=row.id))
    raise UserError(_("Usage: token list · token revoke <id> (`bot token <member>` makes one)"))


def register(registry: Registry) -> None:
    registry.command(Command("language", "language [en|zh-Hans|zh-Hant|auto] · language team <language>",
                             "the language the bot speaks to you (or, for admins, the team's)", _cmd_language,
                             verb_roles={"team": "admin"}))
    registry.command(Command("console", "console", "get a sign-in link for the web console, sent to you alone",
                             _cmd_console))
    registry.command(Command("token", "token list · token revoke <id>", "API tokens for scripts: list, revoke",
                             _cmd_token, role="admin"))
    registry.command(Command("role", "role grant|revoke <member> <role> · role list", "who is agent, lead or admin",
                             _cmd_role, role="admin"))
