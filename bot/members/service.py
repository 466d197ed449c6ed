"""Finding and registering members by their platform identity."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from sqlmodel import Session, select

from bot.errors import NotFound, UserError
from bot.audit.service import record_audit
from bot.members.tables import ROLES, Member

_REF = re.compile(r"^[a-z][a-z0-9_]{0,31}:[^\s:][^\s]{0,160}$")


def valid_ref(ref: str) -> bool:
    return bool(_REF.match(ref or ""))


def find_member(session: Session, ref: str) -> Member | None:
    return session.exec(select(Member).where(Member.ref == ref)).first()


def resolve_member(session: Session, ref: str, *, name: str | None, register: bool, now: datetime) -> Member:
    """The member behind a platform identity; registered on first sight when the platform vouches for it."""
    if not ref:
        raise UserError("Say who you are: a member is required.")
    member = find_member(session, ref)
    if member is None:
        if not register:
            raise NotFound(f"Unknown member {ref}. Add them first (the console's “Join” box does it).")
        if not valid_ref(ref):
            raise UserError(f"{ref!r} is not a member reference like web:alice or slack:U123.")
        member = Member(ref=ref, platform=ref.split(":", 1)[0], display_name=name or ref.split(":", 1)[1],
                        created_at=now)
        session.add(member)
        session.flush()
    elif name and member.display_name in ("", ref.split(":", 1)[1]):
        member.display_name = name
    return member


def ensure_admins(session: Session, refs: list[str], *, now: datetime) -> None:
    """Make every member named in BOT_ADMINS exist with the admin role."""
    for ref in refs:
        if not valid_ref(ref):
            raise UserError(f"BOT_ADMINS entry {ref!r} is not a member reference like web:alice")
        member = resolve_member(session, ref, name=None, register=True, now=now)
        member.role = "admin"


def role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def lookup_member(session: Session, who: str, *, add_new_at: datetime | None = None,
                  name: str | None = None) -> Member:
    """A member named by reference (slack:U123) or by unique display name. With `add_new_at`, a Slack or
    Telegram identity that has not used the bot yet (an admin's @mention, a numeric Telegram id) is added,
    under `name` when the platform gave one."""
    who = who.strip().lstrip("@")
    if not who:
        raise UserError("Name a member: a reference like slack:U123 or a display name.")
    member = find_member(session, who)
    if member is not None:
        return member
    if add_new_at is not None and who.split(":", 1)[0] in ("slack", "telegram") and valid_ref(who):
        return resolve_member(session, who, name=name, register=True, now=add_new_at)
    matches = [m for m in list_members(session) if m.display_name.casefold() == who.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        refs = ", ".join(m.ref for m in matches)
        raise UserError(f"More than one member is called “{who[:60]}”: {refs}. Use the reference.")
    raise NotFound(f"No member “{who[:60]}”. Name a Slack member by @mention, a Telegram member as telegram:<id>, "
                   "or add a console member first (`bot login-link <name>`).")


def set_role(session: Session, member: Member, role: str, *, actor: Member, now: datetime) -> str:
    """Give a member a role, audited; returns the role they had."""
    if role not in ROLES:
        raise UserError(f"“{role[:20]}” is not a role; roles are {', '.join(ROLES)}.")
    if member.id == actor.id and role_rank(role) < role_rank(actor.role):
        raise UserError("You cannot lower your own role; ask another admin.")
    old, member.role = member.role, role
    record_audit(session, actor=actor.ref, action="role.set", target=member.ref, old=old, new=role, now=now)
    return old


def list_members(session: Session, platform: str | None = None) -> list[Member]:
    query = select(Member).order_by(Member.display_name)
    if platform:
        query = query.where(Member.platform == platform)
    return list(session.exec(query))


def web_ref(name: str) -> str:
    """A console member's ref from their name; a name with no Latin letters (王芳) gets a stable short hash."""
    return f"web:{slug(name) or 'member_' + hashlib.sha1(name.strip().encode('utf-8')).hexdigest()[:8]}"


def slug(name: str) -> str:
    """A web member id from a display name: lower-case letters, digits and underscores."""
    out = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    return out[:40]
