"""Every table the bot has, imported in one place so migrations and tests see the whole schema."""

from sqlmodel import SQLModel

from bot.authority import tables as _authority  # noqa: F401
from bot.cases import tables as _cases  # noqa: F401
from bot.insight import tables as _insight  # noqa: F401
from bot.members import tables as _members  # noqa: F401
from bot.risk import tables as _risk  # noqa: F401
from bot.sla import tables as _sla  # noqa: F401
from bot.store import tables as _store  # noqa: F401
from bot.tiers import tables as _tiers  # noqa: F401
from bot.workspace import tables as _workspace  # noqa: F401

metadata = SQLModel.metadata
