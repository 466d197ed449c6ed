"""A member's home: their own queue at a glance (mine, waiting for my approval, breaching soon), with a button to
open each case; Slack's App Home shows it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.i18n.language import N_, _
from bot.members.tables import Member
from bot.messages import ActionId, Button, Card, Section
from bot.workspace import views

SECTIONS = (("mine", N_("Mine")), ("approval", N_("Waiting for my approval")), ("breaching", N_("Breaching soon")))
SHOWN = 8  # cases a section lists; the console and `queue` show the rest
BUTTONS = 24  # Slack allows 25 elements in one actions block


def home_card(session: Session, member: Member, *, now: datetime) -> Card:
    """The member's queue as a card: a section a view, each case on a line, a button to open each."""
    counts = views.view_counts(session, member, now=now)
    sections, buttons, shown = [], [], set()
    for view, title in SECTIONS:
        rows = views.case_rows(session, views.list_view(session, view, member, now=now)[:SHOWN], now=now)
        lines = tuple(views.case_line(r) for r in rows) or (_("Nothing here."),)
        if counts[view] > SHOWN:
            lines += (_("… and {n} more: `queue {view}`, or the console.", n=counts[view] - SHOWN, view=view),)
        sections.append(Section(f"{_(title)} ({counts[view]})", lines))
        for r in rows:
            if r["id"] not in shown and len(buttons) < BUTTONS:
                shown.add(r["id"])
                buttons.append(Button(_("Case #{id}", id=r["id"]), ActionId.SHOW_CASE, str(r["id"])))
    lines = [f"{_(title)} {counts[view]}" for view, title in SECTIONS]
    return Card(title=_("Your queue"), fallback=_("Your queue") + ": " + " · ".join(lines),
                sections=tuple(sections), buttons=tuple(buttons),
                context=_("All open: {open} · unassigned: {unassigned}", open=counts["open"],
                          unassigned=counts["unassigned"]))
