"""What the audit log registers: `audit [n]` (admin), the latest entries."""

from __future__ import annotations

from sqlmodel import select

from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.messages import Outbound, answer
from bot.store.tables import AuditEntry
from bot.text.normalize import whole

AUDIT_DEFAULT, AUDIT_MAX = 20, 200


def audit_line(e: AuditEntry) -> str:
    change = f"{e.old_value if e.old_value is not None else '—'} → {e.new_value if e.new_value is not None else '—'}"
    flag = "" if e.outcome == "ok" else f" · {e.outcome.upper()}"
    return f"{e.at:%Y-%m-%d %H:%M} · {e.actor} · {e.action} {e.target} · {change[:300]}{flag}"


def _cmd_audit(ctx: Context, args: str) -> list[Outbound]:
    raw = args.strip() or str(AUDIT_DEFAULT)
    n = whole(raw)
    if n is None or not 1 <= n <= AUDIT_MAX:
        raise UserError(f"audit [n]: n is a whole number from 1 to {AUDIT_MAX}.")
    rows = ctx.session.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n)).all()
    return answer("\n".join(audit_line(e) for e in rows) or "The audit log is empty.", title=f"Audit · latest {len(rows)}")


def register(registry: Registry) -> None:
    registry.command(Command("audit", "audit [n]", "the latest entries of the audit log", _cmd_audit, role="admin"))
