"""Who a console request is: one-time login links, browser sessions and API tokens, all audited.

A secret is shown once, when it is made; the database keeps only its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.errors import NotFound, UserError
from bot.members.tables import Credential, Member
from bot.store.db import as_utc

LOGIN_TTL = timedelta(minutes=15)
SESSION_TTL = timedelta(hours=12)
TOKEN_PREFIX = {"login": "dl_", "session": "ds_", "api": "dk_"}


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", errors="replace")).hexdigest()


def _issue(session: Session, member: Member, kind: str, *, actor: str, now: datetime, ttl: timedelta | None,
           label: str = "") -> tuple[str, Credential]:
    raw = TOKEN_PREFIX[kind] + secrets.token_urlsafe(32)
    row = Credential(member_id=member.id, kind=kind, token_hash=_hash(raw), label=label[:80], created_by=actor,
                     created_at=now, expires_at=now + ttl if ttl else None)
    session.add(row)
    session.flush()
    return raw, row


def issue_login_link(session: Session, member: Member, *, actor: str, now: datetime) -> str:
    """A one-time sign-in secret for the member, good for LOGIN_TTL."""
    raw, row = _issue(session, member, "login", actor=actor, now=now, ttl=LOGIN_TTL)
    record_audit(session, actor=actor, action="console.link", target=member.ref, new=f"credential {row.id}", now=now)
    return raw


def issue_api_token(session: Session, member: Member, *, actor: str, now: datetime, label: str = "") -> str:
    raw, row = _issue(session, member, "api", actor=actor, now=now, ttl=None, label=label)
    record_audit(session, actor=actor, action="console.token", target=member.ref, new=f"token {row.id} {label}".strip(),
                 now=now)
    return raw


def redeem_login(session: Session, raw: str, *, now: datetime) -> tuple[str, Member]:
    """Trade a login link for a browser session; a link works once and only before it expires."""
    row = _find(session, raw, "login")
    if row is None or row.used_at is not None or row.revoked_at is not None or as_utc(row.expires_at) <= now:
        raise UserError(_("This sign-in link is not valid any more: it was used, or it expired. Ask for a new one."))
    row.used_at = now
    member = session.get(Member, row.member_id)
    cookie, _unused = _issue(session, member, "session", actor=member.ref, now=now, ttl=SESSION_TTL)
    record_audit(session, actor=member.ref, action="console.signin", target=member.ref, new=f"link {row.id}", now=now)
    return cookie, member


def member_for(session: Session, raw: str, *, kinds: tuple[str, ...], now: datetime) -> Member | None:
    """The member a session cookie or API token belongs to, while it is valid."""
    if not raw or len(raw) > 200:
        return None
    row = session.exec(select(Credential).where(Credential.token_hash == _hash(raw),
                                                Credential.kind.in_(kinds))).first()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and as_utc(row.expires_at) <= now):
        return None
    return session.get(Member, row.member_id)


def end_session(session: Session, raw: str, *, now: datetime) -> None:
    row = _find(session, raw, "session")
    if row is not None and row.revoked_at is None:
        row.revoked_at = now


def _find(session: Session, raw: str, kind: str) -> Credential | None:
    if not raw or len(raw) > 200:
        return None
    return session.exec(select(Credential).where(Credential.token_hash == _hash(raw), Credential.kind == kind)).first()


def list_tokens(session: Session) -> list[tuple[Credential, Member]]:
    rows = session.exec(select(Credential, Member).join(Member, Member.id == Credential.member_id)
                        .where(Credential.kind == "api").order_by(Credential.id))
    return list(rows)


def revoke_token(session: Session, token_id: str, *, actor: str, now: datetime) -> Credential:
    if not token_id.isdigit() or len(token_id) > 9:
        raise UserError(_("token revoke <id>: the id is the number `token list` shows."))
    row = session.get(Credential, int(token_id))
    if row is None or row.kind != "api":
        raise NotFound(_("There is no API token {token_id}.", token_id=token_id))
    if row.revoked_at is not None:
        raise UserError(_("Token {token_id} was already revoked.", token_id=token_id))
    row.revoked_at = now
    member = session.get(Member, row.member_id)
    record_audit(session, actor=actor, action="console.revoke", target=member.ref, old=f"token {row.id}",
                 new="revoked", now=now)
    return row


def anyone_can_sign_in(session: Session, *, now: datetime) -> bool:
    """True once some admin holds a working session or API token (so `bot serve` need not print a link)."""
    rows = session.exec(select(Credential, Member).join(Member, Member.id == Credential.member_id)
                        .where(Member.role == "admin", Credential.kind.in_(("session", "api")),
                               Credential.revoked_at.is_(None)))
    return any(c.expires_at is None or as_utc(c.expires_at) > now for c, _ in rows)
