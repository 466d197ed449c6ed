"""Surge alerts and incident joins as a complaint is taken in: who hears them, and what they say."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.i18n.language import _, speaking
from bot.audit.service import record_audit
from bot.cases.tables import Case
from bot.commands.context import Context
from bot.insight import outbreak, service as insight
from bot.insight.outbreak import WordRate
from bot.insight.tables import Surge
from bot.insight.terms import terms_of
from bot.members.service import read_as, role_rank, team_language
from bot.members.tables import Member
from bot.messages import ActionId, Button, Card, Field, Outbound, Section, Severity, text_card
from bot.tiers import service as tiers
from bot.tiers.notices import deciders
from bot.tiers.rules import GRADES
from bot.timers.runner import schedule_timer

CHECK_KIND = "outbreak.check"
CHECK_EVERY = timedelta(minutes=30)
SAMPLE_CHARS = 100
LEADS = "D"  # the grade whose place hears surges (the lead tier), as it hears distress


# Who hears it -----------------------------------------------------------------------------------------------


def to_leads(session: Session, write: Callable[[], Card]) -> list[Outbound]:
    """The leads' place when it has one (in the team's language), and the leads themselves (the next tier up or the
    admins when the lead tier is empty), each in theirs: an alert never goes to nobody."""
    members, _unused = deciders(session, LEADS)
    place = tiers.place_ref(tiers.find_tier(session, LEADS).place)
    outs = []
    if place is not None:
        with speaking(team_language(session)):
            outs.append(Outbound(write(), reply_to=place))
    for m in members:
        if place is None or not m.ref.startswith(place.platform):  # who reads the place is told there
            with read_as(session, m):
                outs.append(Outbound(write(), private=True, recipients=(m.ref,)))
    return outs


def may_lead(session: Session, member: Member) -> bool:
    return role_rank(member.role) >= role_rank("lead") or GRADES.index(tiers.member_grade(member)) >= GRADES.index(LEADS)


# Surges -----------------------------------------------------------------------------------------------------


def surge_card(session: Session, surge: Surge, rate: WordRate, *, now: datetime) -> Card:
    limits = insight.thresholds(session)
    words = json.loads(surge.words)
    normal = rate.baseline
    growth = _("{value}× normal", value=format(rate.last_hour / normal, ".0f")) if normal >= 0.05 else _("new: it was not seen the week before")
    minutes = outbreak.minutes_to_threshold(rate, limits.outbreak)
    if minutes == 0:
        crossing = _("Already over the outbreak threshold of {outbreak} an hour.", outbreak=limits.outbreak)
    elif minutes is None:
        crossing = _("At the pace of the last minutes it stays under the outbreak threshold of {outbreak} an "
                     "hour.",
                     outbreak=limits.outbreak)
    else:
        crossing = (_("At the pace of the last minutes it crosses the outbreak threshold of {outbreak} an hour "
                      "in about {minutes} min.",
                      outbreak=limits.outbreak, minutes=minutes))
    said = [f"“{t[:SAMPLE_CHARS]}{'…' if len(t) > SAMPLE_CHARS else ''}”"
            for t in insight.samples(session, words, since=now - outbreak.HOUR)]
    why = (_("{last_hour} complaints in the last hour say “{term}” (mostly {category}); normal is "
             "{normal} an hour ({growth}). The alert needs {min_count} in an hour and {factor}× "
             "normal.",
             last_hour=rate.last_hour, term=rate.term, category=surge.category, normal=format(normal, ".1f"), growth=growth, min_count=limits.min_count, factor=format(limits.factor, "g")))
    title = _("📈 Complaint surge #{id}: {category} · {words}", id=surge.id, category=_(surge.category),
              words=" ".join(words[:4]))
    lines = [why, crossing]
    return Card(title=title, severity=Severity.EXPLICIT,
                fallback="\n".join([title, *lines, _("Samples:"), *said]),
                fields=(Field(_("Last hour"), str(rate.last_hour)), Field(_("Normal hour"), format(normal, ".1f")),
                        Field(_("Words"), ", ".join(words[:6]))),
                sections=(Section("", tuple(lines)), Section(_("Samples"), tuple(said))),
                buttons=(Button(_("Open incident"), ActionId.OPEN_INCIDENT, str(surge.id), style="primary"),),
                context=_("Fires once per surge; you hear again when it ends. `outbreak` shows the thresholds."))


def watch(ctx: Context, case: Case, text: str) -> list[Outbound]:
    """After a complaint is taken in: count its words, announce a new surge once, and join an open incident
    (the agent is told). Called in the intake's transaction."""
    s, now = ctx.session, ctx.now
    terms = terms_of(text)
    found = insight.watch(s, case, terms, now=now)
    outs = []
    if found is not None:
        surge, rate = found
        schedule_timer(s, case_id=None, kind=CHECK_KIND, due_at=now + CHECK_EVERY, token=f"surge:{surge.id}",
                       payload={"surge": surge.id})
        outs += to_leads(s, lambda: surge_card(s, surge, rate, now=now))
    incident = insight.join_matching(s, case, terms, now=now)
    if incident is not None:
        record_audit(s, actor=ctx.member.ref, action="incident.join", target=f"incident:{incident.id}",
                     new=f"case:{case.id}", now=now)
        script = (_("its suggested reply uses the incident's unified script.") if json.loads(incident.scripts)
                  else _("the incident has no unified script yet."))
        outs.append(Outbound(text_card(_("Case #{id} joined incident #{incident} ({title}); {script}", id=case.id,
                                         incident=incident.id, title=incident.title, script=script),
                                       severity=Severity.INFO), private=True, case_id=case.id))
    return outs


