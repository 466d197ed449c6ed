"""What insight registers: `report` (leads), `outbreak` (thresholds, admins set them), `incident …`, the
*Open incident* button on a surge alert, and the timers that end surges, follow up incidents and send digests."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from bot.i18n.language import _
from bot.audit.service import record_audit
from bot.cases import service as cases
from bot.cases.tables import Case
from bot.commands.context import Context, Team
from bot.commands.registry import Action, Command, Registry, TimerKind
from bot.errors import Refused, UserError
from bot.events import ActionInvoked, TimerFired
from bot.insight import alerts, chart, gather, report as figures, service as insight
from bot.insight.tables import Incident, Surge
from bot.insight.terms import terms_of
from bot.members.service import lookup_member, read_as, role_rank
from bot.members.tables import Member
from bot.messages import ActionId, Card, MessageRef, Outbound, answer, direct, text_card
from bot.money import Money
from bot.playbook.lint import lint
from bot.store.db import as_utc
from bot.store.setting import read_setting, write_setting
from bot.text.normalize import detect_lang
from bot.tiers import service as tiers
from bot.timers.runner import schedule_timer

FOLLOW_UP_KIND, DIGEST_KIND = "incident.follow_up", "report.digest"
DIGEST_SETTING = "report.digest"


def _fire_check(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    """Every half hour of a surge: ended when its word is back near normal (said once), else checked again."""
    surge = session.get(Surge, json.loads(event.payload).get("surge", 0))
    if surge is None or surge.status != "active":
        return []
    now = team.now()
    rate = insight.surge_rate(session, surge, now=now)
    surge.peak = max(surge.peak, rate.last_hour)
    if rate.calm(insight.thresholds(session)):
        insight.end_surge(session, surge, now=now)
        lasted = now - as_utc(surge.started_at)
        return alerts.to_leads(session, lambda: text_card(_(
            "✅ Surge #{id} ({category} · {word}) is over: {last_hour} in the last hour, peak {peak} an hour; it "
            "lasted {lasted}.", id=surge.id, category=_(surge.category), word=json.loads(surge.words)[0],
            last_hour=rate.last_hour, peak=surge.peak, lasted=figures.duration_text(lasted.total_seconds()))))
    surge.last_hour = rate.last_hour
    schedule_timer(session, case_id=None, kind=alerts.CHECK_KIND, due_at=now + alerts.CHECK_EVERY, token=event.token,
                   payload={"surge": surge.id}, announce=False)
    incident = session.get(Incident, surge.incident_id) if surge.incident_id else None
    owner = session.get(Member, incident.owner_id) if incident and incident.owner_id else None
    if owner is None:
        return []
    joined = len(insight.incident_cases(session, incident.id))
    with read_as(session, owner):
        return [direct(owner.ref, _("Incident #{id} ({title}): {last_hour} complaints in the last hour (peak {peak}), "
                                    "{joined} cases linked.", id=incident.id, title=incident.title,
                                    last_hour=rate.last_hour, peak=surge.peak, joined=joined))]


def _open_from_alert(ctx: Context, event: ActionInvoked) -> list[Outbound]:
    s = ctx.session
    if not alerts.may_lead(s, ctx.member):
        raise Refused(_("Opening an incident is for leads and admins."), attempted="incident.open", tried=event.value)
    surge = s.get(Surge, int(event.value)) if event.value.isdigit() and len(event.value) < 10 else None
    if surge is None:
        raise UserError(_("That surge is not known any more."))
    if surge.incident_id:
        incident = s.get(Incident, surge.incident_id)
        return answer(_("Incident #{id} is already open for this surge; `incident show {id}`.", id=incident.id))
    words = json.loads(surge.words)
    incident = insight.open_incident(s, title=" ".join(words[:3]), category=surge.category, words=words,
                                     member=ctx.member, now=ctx.now, surge=surge)
    return _opened(ctx, incident)


def _opened(ctx: Context, incident: Incident) -> list[Outbound]:
    linked = insight.incident_cases(ctx.session, incident.id)
    outs = answer(_("Incident #{id} ({title}) is open, owned by you, with {linked} cases. New complaints "
                    "that mention {value} join it. Write the unified reply: `incident script {id} <text>`.",
                    id=incident.id, title=incident.title, linked=len(linked), value=', '.join(json.loads(incident.words)[:5])))
    for case, _unused in linked:
        outs += ctx.updates(case)
    return outs


# Commands ---------------------------------------------------------------------------------------------------


def _cmd_incident(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    verb, rest, s = verb.lower() or "list", rest.strip(), ctx.session
    if verb == "list":
        rows = s.exec(select(Incident).where(Incident.status == "open").order_by(Incident.id)).all()
        return answer("\n".join(f"#{i.id} · {i.title} · {i.category} · {len(insight.incident_cases(s, i.id))} cases"
                                for i in rows) or _("No open incidents."), title=_("Open incidents"))
    if verb in ("open", "script", "owner", "resolve", "link") and not alerts.may_lead(s, ctx.member):
        raise Refused(_("`incident {verb}` is for leads and admins.", verb=verb), attempted=f"incident.{verb}", tried=args[:200])
    if verb == "open":
        category, _sep, more = rest.partition(" ")
        words_raw, _sep, title = more.strip().partition(" ")
        if not category or not words_raw:
            raise UserError(_("incident open <category> <word,word…> [title]: e.g. `incident open quality 漏水,洗衣机 Washer leaks`."))
        # Each word as the index reads it (迷你洗衣機 → 迷你, 洗衣机), or as typed when it is not a subject word.
        words = list(dict.fromkeys(word for raw in words_raw.split(",") if raw.strip()
                                   for word in (terms_of(raw) or [raw.strip().lower()])))[:10]
        incident = insight.open_incident(s, title=title.strip() or " ".join(words[:3]), category=category.lower()[:32],
                                         words=words, member=ctx.member, now=ctx.now,
                                         surge=insight.active_surge(s, words))
        return _opened(ctx, incident)
    ref, _sep, rest = rest.partition(" ")
    if not ref:
        raise UserError(_("incident {verb} <id> …", verb=verb))
    incident = insight.get_incident(s, ref)
    rest = rest.strip()
    if verb == "show":
        return answer(_timeline(ctx, incident), title=_("Incident #{id} · {title}",
                                                        id=incident.id, title=incident.title))
    if incident.status != "open":
        raise UserError(_("Incident #{id} is resolved.", id=incident.id))
    if verb == "script":
        return _set_script(ctx, incident, rest)
    if verb == "owner":
        owner = lookup_member(s, rest)
        old = incident.owner_id
        incident.owner_id = owner.id
        record_audit(s, actor=ctx.member.ref, action="incident.owner", target=f"incident:{incident.id}",
                     old=str(old), new=owner.ref, now=ctx.now)
        return answer(_("Incident #{id} is owned by {display_name}.", id=incident.id, display_name=owner.display_name)) + [
            _tell_owner(s, owner, incident)]
    if verb == "link":
        case = cases.get_case(s, rest)
        if not insight.link_case(s, incident, case, now=ctx.now):
            raise UserError(_("Case #{id} already belongs to an incident.", id=case.id))
        record_audit(s, actor=ctx.member.ref, action="incident.join", target=f"incident:{incident.id}",
                     new=f"case:{case.id}", now=ctx.now)
        return answer(_("Case #{id} is in incident #{id2}.", id=case.id, id2=incident.id)) + ctx.updates(case)
    if verb == "resolve":
        return _resolve(ctx, incident, rest)
    raise UserError(_("incident [list | open <category> <words> [title] | show <id> | script <id> [en|zh-Hans|zh-Hant] <text> | owner <id> <member> | link <id> <case> | resolve <id> [follow-up YYYY-MM-DD]]"))


def _set_script(ctx: Context, incident: Incident, rest: str) -> list[Outbound]:
    first, _sep, text = rest.partition(" ")
    lang = first if first in ("en", "zh-Hans", "zh-Hant") else None
    text = (text if lang else rest).strip()
    if not text:
        raise UserError(_("incident script {id} [en|zh-Hans|zh-Hant] <the unified reply>", id=incident.id))
    if len(text) > 1000:
        raise UserError(_("A unified reply is at most 1,000 characters."))
    lang = lang or detect_lang(text)
    if lang not in ("en", "zh-Hans", "zh-Hant"):
        raise UserError(_("Say which language the script is in: `incident script <id> zh-Hans <text>`."))
    # The script is the reply's solution move (the playbook adds the other four), so the move check is off; money
    # above what the frontline may give a customer without approval is not promised to every customer at once.
    frontline = tiers.ladder(ctx.session)[0]
    limit = Money(frontline.limit_minor, frontline.currency) if frontline.limit_minor is not None else None
    findings = lint(text, lang=lang, limit=limit, complaint=False)
    if findings:
        raise UserError(_("The reply checker objects, so the script was not saved:\n") + "\n".join(
            f"“{text[f.start:f.end]}”: {f.why}" + (" " + _("Try: {rewrite}", rewrite=f.rewrite) if f.rewrite else "")
            for f in findings))
    scripts = json.loads(incident.scripts)
    old = scripts.get(lang)
    scripts[lang] = text
    incident.scripts = json.dumps(scripts, ensure_ascii=False)
    record_audit(ctx.session, actor=ctx.member.ref, action="incident.script", target=f"incident:{incident.id}",
                 old=old, new=f"{lang}: {text[:300]}", now=ctx.now)
    outs = answer(_("Incident #{id}: the {lang} unified reply is set; every linked case's suggested reply "
                    "uses it.",
                    id=incident.id, lang=lang))
    for case, _unused in insight.incident_cases(ctx.session, incident.id):
        if case.status != "resolved":
            outs += ctx.team.cards.live(ctx.session, case)
    return outs


def _resolve(ctx: Context, incident: Incident, rest: str) -> list[Outbound]:
    s, now, zone = ctx.session, ctx.now, ctx.team.zone
    try:
        on = datetime.strptime(rest, "%Y-%m-%d").date() if rest else (now.astimezone(zone) + timedelta(days=1)).date()
    except ValueError:
        raise UserError(_("incident resolve <id> [YYYY-MM-DD]: the day to follow up with every linked customer.")) from None
    due = max(datetime.combine(on, time(9, 0), zone), now)
    insight.resolve_incident(s, incident, now=now)
    linked = insight.incident_cases(s, incident.id)
    for case, _unused in linked:
        schedule_timer(s, case_id=case.id, kind=FOLLOW_UP_KIND, due_at=due, token=f"incident:{incident.id}",
                       payload={"incident": incident.id})
    record_audit(s, actor=ctx.member.ref, action="incident.resolve", target=f"incident:{incident.id}",
                 new=f"{len(linked)} cases, follow-up {on.isoformat()}", now=now)
    outs = answer(_("Incident #{id} is resolved. Each of its {linked} cases' owners is reminded to follow up "
                    "on {value} at 09:00.",
                    id=incident.id, linked=len(linked), value=on.isoformat()))
    for case, _unused in linked:
        outs += ctx.team.cards.live(s, case)
    return outs


def _fire_follow_up(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    case = session.get(Case, event.case_id) if event.case_id else None
    incident = session.get(Incident, json.loads(event.payload).get("incident", 0))
    if case is None or incident is None:
        return []
    owner_id = case.owner_id or incident.owner_id
    owner = session.get(Member, owner_id) if owner_id else None
    if owner is None:
        return []
    with read_as(session, owner):
        return [direct(owner.ref, _("Follow-up due for case #{id}: incident #{incident} ({title}) is resolved. Tell "
                                    "the customer and check the problem is gone for them.", id=case.id,
                                    incident=incident.id, title=incident.title), case_id=case.id)]


def _tell_owner(session: Session, owner: Member, incident: Incident) -> Outbound:
    with read_as(session, owner):
        return direct(owner.ref, _("You own incident #{id} ({title}); `incident show {id}`.", id=incident.id,
                                   title=incident.title))


def _timeline(ctx: Context, incident: Incident) -> str:
    """The incident's page as chat lines, in the member's zone; the console exports the same as CSV."""
    page, zone = insight.incident_timeline(ctx.session, incident, now=ctx.now), ctx.zone
    joined = [f"{t.astimezone(zone):%m-%d %H:%M} {n}" for t, n in page["half_hours"] if n]
    lines = [_("{category} · words {value} · owner {value2} · {status} · {cases} cases",
               category=page['category'], value=', '.join(page['words'][:6]), value2=page['owner'] or '—', status=page['status'], cases=len(page['cases'])),
             _("Cases joined per half hour: ") + (", ".join(joined[-16:]) if joined else _("none yet"))]
    lines += [_("Script ({lang}): {text}", lang=lang, text=text) for lang, text in page["scripts"].items()] or [_("No unified script yet.")]
    lines += [f"{a['at'].astimezone(zone):%m-%d %H:%M} · {a['action']} · {a['detail'][:120]}"
              for a in page["actions"][-20:]]
    lines.append(f"Export: {ctx.team.console_url}/api/incidents/{incident.id}.csv")
    return "\n".join(lines)


def _cmd_outbreak(ctx: Context, args: str) -> list[Outbound]:
    verb, _sep, rest = args.strip().partition(" ")
    s = ctx.session
    if verb.lower() == "set":
        values = {}
        for pair in rest.split():
            key, sep, value = pair.partition("=")
            if not sep or key not in ("min_count", "factor", "outbreak"):
                raise UserError(_("outbreak set min_count=<n> factor=<x> outbreak=<n per hour>"))
            try:
                values[key] = float(value) if key == "factor" else int(value)
            except ValueError:
                raise UserError(_("outbreak set: “{value}” is not a number.", value=value[:20])) from None
        if not values:
            raise UserError(_("outbreak set min_count=<n> factor=<x> outbreak=<n per hour>"))
        limits = insight.set_thresholds(s, values, actor=ctx.member.ref, now=ctx.now)
    elif verb:
        raise UserError(_("outbreak [set min_count=<n> factor=<x> outbreak=<n per hour>]"))
    else:
        limits = insight.thresholds(s)
    active = s.exec(select(Surge).where(Surge.status == "active")).all()
    return answer(_("A surge is {min_count} or more complaints of one category sharing a word in an hour, "
                    "and {factor}× that word's normal hour (the week before). The outbreak threshold is "
                    "{outbreak} an hour.\n",
                    min_count=limits.min_count, factor=format(limits.factor, "g"), outbreak=limits.outbreak) + ("Active: " + "; ".join(
                      f"#{x.id} {x.category} · {' '.join(json.loads(x.words)[:3])} (peak {x.peak})" for x in active)
                      if active else _("No surge now.")), title=_("Outbreak warning"))


# Reports ----------------------------------------------------------------------------------------------------


def _cmd_report(ctx: Context, args: str) -> list[Outbound]:
    if args.strip().lower().startswith("schedule"):
        return _schedule(ctx, args.strip()[len("schedule"):].strip())
    if not alerts.may_lead(ctx.session, ctx.member):
        raise Refused(_("Reports are for leads (the lead tier and above) and admins."), attempted="report", tried=args[:200])
    start, end, filters = gather.parse_request(args, now=ctx.now, zone=ctx.zone)
    found = gather.gather_report(ctx.session, start, end, zone=ctx.zone, filters=filters, now=ctx.now)
    return [Outbound(report_card(found, zone_name=ctx.zone.key, title=_("Complaint report")), private=True)]


def report_card(found: figures.Report, *, zone_name: str, title: str) -> Card:
    """The report's lines with its chart."""
    card = text_card(figures.as_text(found, zone_name=zone_name), title=title)
    return replace(card, image=base64.b64encode(chart.report_png(found)).decode("ascii"))


def _schedule(ctx: Context, rest: str) -> list[Outbound]:
    """`report schedule daily|weekly HH:MM [here|<place>]` or `report schedule off`, admins only."""
    if role_rank(ctx.member.role) < role_rank("admin"):
        raise Refused(_("Scheduling reports is for admins."), attempted="report.schedule", tried=rest[:200])
    s, now = ctx.session, ctx.now
    current = read_setting(s, DIGEST_SETTING, None)
    if rest.lower() == "off":
        write_setting(s, DIGEST_SETTING, "null", actor=ctx.member.ref, now=now)
        record_audit(s, actor=ctx.member.ref, action="report.schedule", target="digest",
                     old=json.dumps(current) if current else None, new="off", now=now)
        return answer(_("The scheduled report is off."))
    parts = rest.split()
    if len(parts) not in (2, 3) or parts[0].lower() not in ("daily", "weekly"):
        raise UserError(_("report schedule daily|weekly HH:MM [here|<platform>:<channel>] — or `report schedule off`."))
    try:
        at = datetime.strptime(parts[1], "%H:%M").time()
    except ValueError:
        raise UserError(_("report schedule: the time is HH:MM in the team's zone, e.g. 09:00.")) from None
    place = parts[2] if len(parts) == 3 and parts[2] != "here" else ctx.here
    if place is None or ":" not in place:
        raise UserError(_("report schedule: say where, e.g. `here` in a channel or slack:C123."))
    plan = {"every": parts[0].lower(), "at": at.strftime("%H:%M"), "place": place, "version": now.isoformat()}
    write_setting(s, DIGEST_SETTING, json.dumps(plan), actor=ctx.member.ref, now=now)
    record_audit(s, actor=ctx.member.ref, action="report.schedule", target="digest",
                 old=json.dumps(current) if current else None, new=json.dumps(plan), now=now)
    due = next_digest(plan, now=now, zone=ctx.team.zone)
    schedule_timer(s, case_id=None, kind=DIGEST_KIND, due_at=due, token=plan["version"])
    return answer(_("A {every} report goes to {place} at {at} ({key}); the first one {value}.",
                    every=plan['every'], place=place, at=plan['at'], key=ctx.team.zone.key, value=format(due.astimezone(ctx.team.zone), "%Y-%m-%d %H:%M")))


def next_digest(plan: dict, *, now: datetime, zone) -> datetime:
    """The next local time the plan names, after `now`; weekly digests go out on Mondays."""
    at = datetime.strptime(plan["at"], "%H:%M").time()
    local = now.astimezone(zone)
    day = local.date()
    while True:
        due = datetime.combine(day, at, zone)
        if due > local and (plan["every"] == "daily" or day.weekday() == 0):
            return due
        day += timedelta(days=1)


def _fire_digest(team: Team, session: Session, event: TimerFired) -> list[Outbound]:
    plan = read_setting(session, DIGEST_SETTING, None)
    if not plan or plan.get("version") != event.token:
        return []  # turned off or changed since: the newer plan has its own timer
    now = team.now()
    schedule_timer(session, case_id=None, kind=DIGEST_KIND, due_at=next_digest(plan, now=now, zone=team.zone),
                   token=event.token, announce=False)
    span = timedelta(days=1 if plan["every"] == "daily" else 7)
    found = gather.gather_report(session, now - span, now, zone=team.zone, now=now)
    platform, _sep, channel = plan["place"].partition(":")
    card = report_card(found, zone_name=team.zone.key,
                       title=_("Daily complaint report") if plan["every"] == "daily" else _("Weekly complaint report"))
    return [Outbound(card, reply_to=MessageRef(platform, channel, ""))]


def register(registry: Registry) -> None:
    registry.command(Command(
        "report", "report [7d|30d|YYYY-MM-DD..YYYY-MM-DD] [channel= tier= category= level=] | report schedule …",
        "complaint figures for a period: volume, top reasons, hot words, SLA, escalations, offers", _cmd_report))
    registry.command(Command("outbreak", "outbreak [set min_count=<n> factor=<x> outbreak=<n>]",
                             "the surge alert's thresholds and the surges running now", _cmd_outbreak,
                             verb_roles={"set": "admin"}))
    registry.command(Command("incident", "incident [list|open|show|script|owner|link|resolve] …",
                             "large problems handled as one, with one unified reply", _cmd_incident))
    registry.action(Action(ActionId.OPEN_INCIDENT, _open_from_alert))
    registry.timer(TimerKind(alerts.CHECK_KIND, _fire_check))
    registry.timer(TimerKind(FOLLOW_UP_KIND, _fire_follow_up))
    registry.timer(TimerKind(DIGEST_KIND, _fire_digest))
