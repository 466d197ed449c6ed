"""What the audit log registers: `audit [n]` (admin), the latest entries."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.i18n.language import _
from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.messages import Outbound, answer
from bot.members.tables import Member
from bot.store.db import as_utc
from bot.store.tables import AuditEntry
from bot.text.normalize import whole

AUDIT_DEFAULT, AUDIT_MAX = 20, 200
VALUE_CHARS = 80


def audit_line(e: AuditEntry, *, names: dict[str, str], zone: ZoneInfo) -> str:
    """One entry as a line: when (in the team's zone), who (by name), what, and the change, long values cut."""
    change = f"{_short(e.old_value)} → {_short(e.new_value)}"
    flag = "" if e.outcome == "ok" else f" · {e.outcome.upper()}"
    return (f"{as_utc(e.at).astimezone(zone):%Y-%m-%d %H:%M} · {names.get(e.actor, e.actor)} · {e.action} {e.target} · "
            f"{change}{flag}")


def _short(value: str | None) -> str:
    """A value as the log line shows it: a whole policy's JSON is cut (the entry keeps all of it)."""
    if value is None:
        return "—"
    return value if len(value) <= VALUE_CHARS else value[:VALUE_CHARS] + "…"


def _cmd_audit(ctx: Context, args: str) -> list[Outbound]:
    raw = args.strip() or str(AUDIT_DEFAULT)
    n = whole(raw)
    if n is None or not 1 <= n <= AUDIT_MAX:
        raise UserError(_("audit [n]: n is a whole number from 1 to {audit_max}.", audit_max=AUDIT_MAX))
    rows = ctx.session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n)).all()
    names = dict(ctx.session.exec(select(Member.ref, Member.display_name).where(
        Member.ref.in_({e.actor for e in rows}))).all()) if rows else {}
    lines = [audit_line(e, names=names, zone=ctx.zone) for e in rows]
    return answer("\n".join(lines) or _("The audit log is empty."), title=_("Audit · latest {rows}", rows=len(rows)))


def register(registry: Registry) -> None:
    registry.command(Command("audit", "audit [n]", "the latest entries of the audit log", _cmd_audit, role="admin"))
