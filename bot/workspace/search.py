"""Finding cases by their customers' words, in any of the three scripts: both the messages and the query are folded
to Simplified (OpenCC) and cut with jieba's search mode (rjieba), so 退貨 finds 退货 and an order number finds its
case."""

from __future__ import annotations

import re

import rjieba
from sqlalchemy import func
from sqlmodel import Session, select

from bot.store.db import insert_for
from bot.text.normalize import to_simplified
from bot.workspace.tables import SearchWord

MAX_WORDS = 200  # a long message is found by its first words
_WORD = re.compile(r"[\u3400-\u9fff]{2,}|[a-z0-9][a-z0-9_.@-]{1,59}")


def search_words(text: str) -> list[str]:
    """The distinct words a text is found by: Han words of two characters or more (and the shorter words jieba's
    search mode finds inside longer ones), and Latin words and numbers of two characters or more."""
    folded = to_simplified(text).lower()
    seen: dict[str, None] = {}
    for token in rjieba.cut_for_search(folded):
        for word in _WORD.findall(token):
            seen.setdefault(word[:60], None)
    return list(seen)[:MAX_WORDS]


def index_text(session: Session, case_id: int, text: str) -> None:
    """Make the case findable by the words of `text` (a message, the customer's name or reference)."""
    words = search_words(text)
    if not words:
        return
    connection = session.connection()
    connection.execute(insert_for(connection.dialect.name, SearchWord).on_conflict_do_nothing(),
                       [{"case_id": case_id, "word": w} for w in words])


def find_cases(session: Session, query: str, *, limit: int = 50) -> list[int]:
    """The cases that have every word of the query, newest first."""
    words = search_words(query)
    if not words:
        return []
    rows = session.exec(select(SearchWord.case_id).where(SearchWord.word.in_(words))
                        .group_by(SearchWord.case_id).having(func.count() == len(words))
                        .order_by(SearchWord.case_id.desc()).limit(limit)).all()
    return list(rows)
