"""The console's feed: messages for console members, stored, so every replica shows them and a restart keeps them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlmodel import Session

from bot.store.tables import FeedMessage

KEEP = timedelta(days=7)  # older feed items are pruned; the case itself keeps its history
READ_LIMIT = 200


def post(session: Session, body: dict, *, audience: tuple[str, ...] | None, now: datetime) -> int:
    """Add a message to the feed, for everyone or only for `audience`; returns its sequence number."""
    row = FeedMessage(body=json.dumps(body, ensure_ascii=False, default=str),
                      audience="\n".join(audience) if audience else None, created_at=now)
    session.add(row)
    session.flush()
    if row.id % 500 == 0:  # now and then, not on every post
        session.execute(delete(FeedMessage).where(FeedMessage.created_at < now - KEEP))
    return row.id


def read(session: Session, *, since: int, member: str) -> list[dict]:
    """Messages after `since` that `member` may see, oldest first, each with its sequence number (from 0: the
    latest ones)."""
    query = select(FeedMessage.id, FeedMessage.body, FeedMessage.audience).where(FeedMessage.id > since)
    if since:
        rows = list(session.execute(query.order_by(FeedMessage.id).limit(READ_LIMIT)))
    else:
        rows = list(session.execute(query.order_by(FeedMessage.id.desc()).limit(READ_LIMIT)))[::-1]
    return [{"seq": seq, **json.loads(body)} for seq, body, audience in rows
            if audience is None or member in audience.split("\n")]
