"""Finding and registering members by their platform identity."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from sqlmodel import Session, select

from bot.errors import NotFound, UserError
from bot.audit.service import record_audit
from bot.i18n.language import LANGUAGES, _, language_of, speaking
from bot.members.tables import ROLES, Member
from bot.store.setting import read_setting

_REF = re.compile(r"^[a-z][a-z0-9_]{0,31}:[^\s:][^\s]{0,160}$")


def valid_ref(ref: str) -> bool:
    return bool(_REF.match(ref or ""))


def find_member(session: Session, ref: str) -> Member | None:
    return session.exec(select(Member).where(Member.ref == ref)).first()


def resolve_member(session: Session, ref: str, *, name: str | None, register: bool, now: datetime,
                   locale: str | None = None) -> Member:
    """The member behind a platform identity; registered on first sight when the platform vouches for it.
    `locale` is what their platform says of their language, kept for when they have not chosen one."""
    if not ref:
        raise UserError(_("Say who you are: a member is required."))
    member = find_member(session, ref)
    if member is None:
        if not register:
            raise NotFound(_("Unknown member {ref}. Add them first (the console's “Join” box does it).", ref=ref))
        if not valid_ref(ref):
            raise UserError(_("{ref} is not a member reference like web:alice or slack:U123.", ref=repr(ref)))
        member = Member(ref=ref, platform=ref.split(":", 1)[0], display_name=name or ref.split(":", 1)[1],
                        created_at=now)
        session.add(member)
        session.flush()
    elif name and member.display_name in ("", ref.split(":", 1)[1]):
        member.display_name = name
    if locale and member.locale != locale[:35]:
        member.locale = locale[:35]
    return member


def team_language(session: Session) -> str:
    """The language of what no one member reads alone (a timer's card update): set with `language team`."""
    return read_setting(session, "language", "en")


def own_language(member: Member | None) -> str | None:
    """The language a member chose, else the one their platform's locale names; None when neither says."""
    if member is None:
        return None
    return member.language if member.language in LANGUAGES else language_of(member.locale)


def language_for(session: Session, member: Member | None) -> str:
    """The language a member reads: chosen, else their platform's locale, else the team's."""
    return own_language(member) or team_language(session)


def name_of(session: Session, ref: str | None) -> str:
    """A member's display name for a reference a row keeps ("slack:U123" → "Ann"); the reference itself otherwise
    (the SLA clock, a member who never said their name)."""
    member = find_member(session, ref) if ref else None
    return member.display_name if member and member.display_name else (ref or "—")


def read_as(session: Session, member: Member | None):
    """Write in `member`'s language until the block ends (a message for them alone)."""
    return speaking(language_for(session, member))



def ensure_admins(session: Session, refs: list[str], *, now: datetime) -> None:
    """Make every member named in BOT_ADMINS exist with the admin role."""
    for ref in refs:
        if not valid_ref(ref):
            raise UserError(_("BOT_ADMINS entry {ref} is not a member reference like web:alice", ref=repr(ref)))
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
        raise UserError(_("Name a member: a reference like slack:U123 or a display name."))
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
        raise UserError(_("More than one member is called “{who}”: {refs}. Use the reference.",
                          who=who[:60], refs=refs))
    raise NotFound(_("No member “{who}”. Name a Slack member by @mention, a Telegram member as telegram:<id>, "
                     "or add a console member first (`bot login-link <name>`).",
                     who=who[:60]))


def set_role(session: Session, member: Member, role: str, *, actor: Member, now: datetime) -> str:
    """Give a member a role, audited; returns the role they had."""
    if role not in ROLES:
        raise UserError(_("“{role}” is not a role; roles are {value}.", role=role[:20], value=', '.join(ROLES)))
    if member.id == actor.id and role_rank(role) < role_rank(actor.role):
        raise UserError(_("You cannot lower your own role; ask another admin."))
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
