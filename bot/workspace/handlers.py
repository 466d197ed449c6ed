"""What the workspace registers: `queue [view]`, a member's own queue in chat, and `find <words>`, cases by their
customers' words in any script."""

from __future__ import annotations

from bot.i18n.language import N_, _
from bot.cases.tables import Case
from bot.commands.context import Context
from bot.commands.registry import Command, Registry
from bot.errors import UserError
from bot.messages import Outbound, answer
from bot.sla.rules import spoken_duration
from bot.workspace import customers, search, views

SHOWN = 20  # lines a chat answer lists; the console lists the whole view
VIEW_NAMES = {"mine": N_("Mine"), "unassigned": N_("Unassigned"), "breaching": N_("Breaching soon"),
              "approval": N_("My approval"), "open": N_("All open"), "resolved": N_("Resolved")}


def _cmd_queue(ctx: Context, args: str) -> list[Outbound]:
    view = (args.strip().lower() or "mine")
    if view not in views.VIEWS:
        raise UserError(_("queue [{value}]: “{view}” is not a view.", value=' | '.join(views.VIEWS), view=view[:20]))
    counts = views.view_counts(ctx.session, ctx.member, now=ctx.now)
    rows = views.case_rows(ctx.session, views.list_view(ctx.session, view, ctx.member, now=ctx.now)[:SHOWN],
                           now=ctx.now)
    head = " · ".join(f"{_(VIEW_NAMES[v])} {counts[v]}" for v in views.VIEWS)
    body = "\n".join(views.case_line(r) for r in rows) or _("Nothing here.")
    more = "\n" + _("… and {n} more: `queue {view}`, or the console.", n=counts[view] - SHOWN, view=view) \
        if counts[view] > SHOWN else ""
    return answer(f"{head}\n{body}{more}", title=_("Queue · {view}", view=_(VIEW_NAMES[view])))


def _cmd_find(ctx: Context, args: str) -> list[Outbound]:
    if not search.search_words(args):
        raise UserError(_("find <words>: the customer's words, a name, or an order number."))
    ids = search.find_cases(ctx.session, args, limit=SHOWN)
    found = [ctx.session.get(Case, i) for i in ids]
    rows = views.case_rows(ctx.session, found, now=ctx.now)
    return answer("\n".join(views.case_line(r) for r in rows) or _("No case has all of those words."),
                  title=_("Find · {value}", value=args.strip()[:60]))


def _cmd_customer(ctx: Context, args: str) -> list[Outbound]:
    page = customers.customer_page(ctx.session, customers.find_customer(ctx.session, args))
    gap = page["first_to_second_seconds"]
    head = " · ".join([page["name"] or page["ref"], _("{n} contact(s)", n=page["contacts"])]
                      + ([_("wrote again after {span}", span=spoken_duration(gap))] if gap is not None else [])
                      + ([f"VIP {page['vip_level']}"] if page["vip_level"] else [])
                      + ([_("annual value {amount}", amount=page["annual_value"])] if page["annual_value"] else []))
    cases_ = [f"#{c['id']} · {_(c['status'])} · {_(c['level'])} · {_(c['category'])}" for c in page["cases"]]
    said = [f"#{m['case']} · {_(m['level'])} · “{m['text'][:80]}{'…' if len(m['text']) > 80 else ''}”"
            for m in page["messages"][-10:]]
    return answer("\n".join([head, *cases_, _("Latest messages:"), *said]),
                  title=_("Customer · {ref}", ref=page["ref"]))


def register(registry: Registry) -> None:
    registry.command(Command("queue", "queue [mine|unassigned|breaching|approval|open|resolved]",
                             "your queue: your cases, unassigned, breaching soon, waiting for your approval",
                             _cmd_queue))
    registry.command(Command("find", "find <words>", "cases by the customer's words, name or order number, in any script",
                             _cmd_find))
    registry.command(Command("customer", "customer <reference or name>",
                             "a customer's cases and messages, contacts and how soon they wrote again", _cmd_customer))
