"""Reading what the bot wrote, for tests that run it as a server: counts and rows from its database."""

from sqlmodel import func, select

from bot.store import db
from bot.store.tables import Timer


def count(core, model) -> int:
    with db.session(core.engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def rows(core, model) -> list:
    with db.session(core.engine) as s:
        return list(s.exec(select(model).order_by(model.id)))


def kept(core, *statuses: str) -> int:
    """Messages in the outbox: by default those waiting for a retry ("claimed" ones are being sent now; the
    case's SLA clocks are timer rows too)."""
    with db.session(core.engine) as s:
        return s.exec(select(func.count()).select_from(Timer).where(
            Timer.kind == "outbox", Timer.status.in_(statuses or ("pending",)))).one()
