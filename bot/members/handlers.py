"""What members register: `role grant|revoke|list` (admin)."""

from __future__ import annotations

from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.members.service import list_members, lookup_member, set_role
from bot.messages import Outbound, answer


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


def register(registry: Registry) -> None:
    registry.command(Command("role", "role grant|revoke <member> <role> · role list", "who is agent, lead or admin",
                             _cmd_role, role="admin"))
