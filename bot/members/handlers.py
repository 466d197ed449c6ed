"""What members register: `role grant|revoke|list` (admin)."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.members.service import list_members, lookup_member, set_role
from bot.members import access
from bot.messages import Outbound, answer, direct


def _cmd_role(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb == "list" or not verb:
        lines = [f"{m.display_name} ({m.ref}) · {m.role}" for m in list_members(ctx.session)]
        return answer("\n".join(lines) or "No members yet.", title="Roles")
    who, _, role = rest.strip().rpartition(" ")
    if verb not in ("grant", "revoke") or not who.strip():
        raise UserError("Usage: role grant <member> <role> · role revoke <member> <role> · role list")
    member = lookup_member(ctx.session, who)
    role = role.lower()
    if verb == "revoke":
        if member.role != role:
            raise UserError(f"{member.display_name} is {member.role}, not {role[:20]}; nothing to revoke.")
        role = "agent"
    old = set_role(ctx.session, member, role, actor=ctx.member, now=ctx.now)
    return answer(f"{member.display_name} ({member.ref}): {old} → {role}.")


def login_url(base: str, raw: str) -> str:
    return f"{base}/login#{raw}"  # in the fragment: a browser never sends it to a server or a log


def _cmd_console(ctx: Context, args: str) -> list[Outbound]:
    """A sign-in link for the console, sent to the member alone: it signs them in as this chat identity."""
    raw = access.issue_login_link(ctx.session, ctx.member, actor=ctx.member.ref, now=ctx.now)
    text = (f"Your sign-in link for the console (one use, {int(access.LOGIN_TTL.total_seconds() // 60)} minutes): "
            f"{login_url(ctx.team.console_url, raw)}")
    return [direct(ctx.member.ref, text)]


def _cmd_token(ctx: Context, args: str) -> list[Outbound]:
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower()
    if verb in ("", "list"):
        lines = [f"#{c.id} · {m.display_name} ({m.ref}) · {c.label or 'no label'} · made {c.created_at:%Y-%m-%d} by "
                 f"{c.created_by}" + (" · REVOKED" if c.revoked_at else "") for c, m in access.list_tokens(ctx.session)]
        return answer("\n".join(lines) or "No API tokens. `bot token <member>` makes one.", title="API tokens")
    if verb == "revoke":
        row = access.revoke_token(ctx.session, rest.strip(), actor=ctx.member.ref, now=ctx.now)
        return answer(f"Token #{row.id} is revoked; requests with it are refused from now on.")
    raise UserError("Usage: token list · token revoke <id> (`bot token <member>` makes one)")


def register(registry: Registry) -> None:
    registry.command(Command("console", "console", "get a sign-in link for the web console, sent to you alone",
                             _cmd_console))
    registry.command(Command("token", "token list · token revoke <id>", "API tokens for scripts: list, revoke",
                             _cmd_token, role="admin"))
    registry.command(Command("role", "role grant|revoke <member> <role> · role list", "who is agent, lead or admin",
                             _cmd_role, role="admin"))
