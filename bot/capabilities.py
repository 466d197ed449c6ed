"""The capabilities, listed once: each registers its commands, buttons, timer kinds and case facts.

`CAPABILITIES` is the registration order (help and the chat menus list commands in it). `LAYERS` is the
dependency order of the core, lowest first: a module may import from its own layer and the ones below,
never from one above (tests/unit/test_layout.py checks it; the README's layout section shows it).
"""

from __future__ import annotations

from importlib import import_module

from bot.commands.registry import Registry

CAPABILITIES = (
    "bot.intake.handlers",
    "bot.cases.handlers",
    "bot.tiers.handlers",
    "bot.authority.handlers",
    "bot.playbook.handlers",
    "bot.sla.handlers",
    "bot.members.handlers",
    "bot.risk.handlers",
    "bot.audit.handlers",
    "bot.insight.handlers",
    "bot.workspace.handlers",
    "bot.delivery.handlers",
    "bot.commands.handlers",
)

# Lowest first. The foundation (plain modules and shared folders) is one layer; each capability folder
# after it may use everything listed before it. The top layer composes the whole.
LAYERS = (
    ("bot.i18n", "bot.errors", "bot.money", "bot.levels", "bot.messages", "bot.events", "bot.ports", "bot.config", "bot.logs",
     "bot.text", "bot.store", "bot.timers", "bot.audit",
     "bot.members", "bot.commands"),
    ("bot.risk",),
    ("bot.cases",),
    ("bot.tiers",),
    ("bot.authority",),
    ("bot.sla",),
    ("bot.playbook",),
    ("bot.insight",),
    ("bot.workspace",),
    ("bot.cards",),
    ("bot.delivery",),
    ("bot.intake",),
    ("bot.store.schema", "bot.store.migrations", "bot.capabilities", "bot.desk", "bot.app", "bot.cli", "bot.__main__", "bot"),
)


def build_registry() -> Registry:
    """Every capability's registrations; a name claimed twice or a button left unhandled stops start-up."""
    registry = Registry()
    for name in CAPABILITIES:
        import_module(name).register(registry)
    registry.check_complete()
    return registry
