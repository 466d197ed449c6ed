"""The workspace's search index: the words of each case's messages and customer, folded to Simplified."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class SearchWord(SQLModel, table=True):
    """One word a case can be found by."""

    __tablename__ = "search_word"
    __table_args__ = (Index("ix_search_word_word", "word", "case_id"),)

    case_id: int = Field(foreign_key="case.id", primary_key=True)
    word: str = Field(max_length=60, primary_key=True)
