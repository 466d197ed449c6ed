"""Composition root: the core, the timer runner, and the chat surfaces plugged in by entry point."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points

from aiohttp import web
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.cases import service as cases
from bot.config import Settings
from bot.desk import Desk
from bot.intake.inbox import Inbox, Item
from bot.members import access
from bot.members.handlers import login_url
from bot.i18n.language import speaking
from bot.members.service import ensure_admins, find_member, language_for, list_members, resolve_member
from bot.metrics import CONTENT_TYPE, Metrics
from bot.delivery import outbox
from bot.messages import INTERNAL_ERROR, Card, MessageRef, Outbound, failure, target_platform
from bot.ports import ChatPort, Clock, DeliveryRejected, SystemClock
from bot.risk.analyzer import Analyzer
from bot.sla.handlers import setup_checklist
from bot.store import db
from bot.timers.runner import TimerRunner, announce_timers, finish_timers
from bot.workspace.home import home_card

log = logging.getLogger(__name__)

# Adapters register here (pyproject entry points), so the core never imports them and a new
# surface is added without touching a core file.
SURFACE_GROUP = "complaint_desk.surfaces"
CORE_KEY = web.AppKey("core", object)


@dataclass
class Core:
    settings: Settings
    engine: Engine
    clock: Clock
    desk: Desk
    ports: dict[str, ChatPort] = field(default_factory=dict)
    runner: TimerRunner | None = None
    inbox: Inbox | None = None
    metrics: Metrics | None = None
    down: set[str] = field(default_factory=set)  # platforms whose last delivery from here failed

    async def handle(self, event, *, here: MessageRef | None = None, inbox_id: int | None = None) -> list[Outbound]:
        """Run an event through the core off the event loop; never raises."""
        out = await asyncio.to_thread(self.desk.handle, event, here=here, inbox_id=inbox_id)
        if self.metrics is not None:
            self.metrics.events.labels(type(event).__name__, next((o.error for o in out if o.error), "ok")).inc()
        return out

    async def accept(self, event, here: MessageRef) -> None:
        """An event from a chat surface, stored: return only once it is committed, so the surface may then tell
        its platform it arrived. A worker handles it and delivers the answers where it happened."""
        await self.inbox.accept(event, here)

    async def take(self, event, here: MessageRef) -> list[Outbound]:
        """An event the caller answers itself (the console's request): stored, then handled here at once; the
        answers come back kept in the outbox, for `deliver`. A stop in between leaves it to the inbox's workers."""
        item = await self.inbox.accept(event, here, keep=True)
        if item is None:
            return []  # the same event is already in the inbox: whoever holds it answers
        return await self.handle(item.event, here=item.here, inbox_id=item.id)

    async def _process(self, item: Item) -> None:
        await self.deliver(await self.handle(item.event, here=item.here, inbox_id=item.id))

    async def tell_failure(self, *, member: str, here: MessageRef | None) -> None:
        """A surface's own failure, told to the member in one plain sentence (the trace is in the log)."""
        await self.deliver([replace(failure(INTERNAL_ERROR, "internal"), reply_to=here, recipients=(member,))])

    def home(self, member: str, *, locale: str | None = None) -> Card:
        """A member's own queue (mine, waiting for my approval, breaching soon) in their language."""
        with db.session(self.engine) as session:
            found = resolve_member(session, member, name=None, register=True, now=self.clock.now(), locale=locale)
            with speaking(language_for(session, found)):
                card = home_card(session, found, now=self.clock.now())
            session.commit()
            return card

    def record_card(self, case_id: int, ref: MessageRef) -> None:
        """An adapter reports where a case card landed, so the next change edits it in place."""
        cases.remember_cards(self.engine, [(case_id, ref)])

    async def deliver(self, outbounds: list[Outbound], *, origin: str | None = None) -> list[Outbound]:
        """Send each message through its platform's port; return those meant for `origin` to answer inline.

        A message the platform fails to take is kept in the outbox and retried; the change that made it is
        already committed and stays so. Outbox rows of messages settled here are finished.
        """
        inline: list[Outbound] = []
        settled: list[int] = []
        landed: list[tuple[int, MessageRef]] = []  # new case cards, so their next change edits them in place
        for out in outbounds:
            target = target_platform(out) or origin
            port = self.ports.get(target or "")
            if target == origin:
                inline.append(out)  # the caller answers with it now
            elif port is None:
                log.warning("no port for platform %s; message for case %s not delivered", target, out.case_id)
            else:
                sent, ref = await self._send(port, target, out)
                if not sent:
                    continue  # kept for a retry: its row stays
                if ref is not None and out.case_id is not None and not out.private and out.replace is None:
                    landed.append((out.case_id, ref))
            if out.kept is not None:
                settled.append(out.kept)
        if landed or settled:
            # One transaction for all of them: where the cards landed, and the kept rows that are done.
            await asyncio.to_thread(cases.remember_cards, self.engine, landed, also=lambda s: finish_timers(s, settled))
        return inline

    async def _send(self, port: ChatPort, target: str, out: Outbound) -> tuple[bool, MessageRef | None]:
        """Deliver one message; (False, None) when it failed and was kept for a retry, else where it landed."""
        try:
            ref = await port.deliver(out)
        except DeliveryRejected as exc:
            log.warning("%s refused a message for case %s for good: %s", target, out.case_id, exc)
            self._count_failure(target, "rejected")
            return True, None
        except Exception as exc:
            log.warning("delivery to %s failed for case %s (%s); kept for a retry", target, out.case_id,
                        type(exc).__name__)
            self._count_failure(target, "kept")
            self.down.add(target)
            await asyncio.to_thread(self._keep, out)
            return False, None
        if target in self.down:
            self.down.discard(target)
            await asyncio.to_thread(self._hasten, target)
        return True, ref

    def _hasten(self, platform: str) -> None:
        """The platform took a message again after failing: what waits for it goes now."""
        with db.write_gate(self.engine), db.session(self.engine) as s:
            count = outbox.hasten(s, platform, now=self.clock.now())
            announce_timers(s, self.clock.now())
            s.commit()
        if count:
            log.warning("%s takes messages again; %d kept for it are sent now", platform, count)
            if self.runner is not None:
                self.runner.poke_threadsafe()

    def _count_failure(self, platform: str, kind: str) -> None:
        if self.metrics is not None:
            self.metrics.delivery_failures.labels(platform, kind).inc()

    def _keep(self, out: Outbound) -> None:
        with db.write_gate(self.engine), db.session(self.engine) as s:
            kept = outbox.keep_for_retry(s, out, now=self.clock.now())
            announce_timers(s, self.clock.now())
            s.commit()
        if kept is not None and self.runner is not None:
            self.runner.poke_threadsafe()


def build_core(settings: Settings, *, clock: Clock | None = None, engine: Engine | None = None,
               migrate: bool = True) -> Core:
    engine = engine or db.make_engine(settings.database_url)
    if migrate:
        db.upgrade(engine)
    clock = clock or SystemClock()
    desk = Desk(engine=engine, analyzer=Analyzer.from_directory(), clock=clock, currency=settings.default_currency,
                timezone=settings.timezone, console_url=settings.console_url)
    if settings.admin_refs:
        for attempt in (1, 2):
            with db.session(engine) as s:
                try:
                    ensure_admins(s, settings.admin_refs, now=clock.now())
                    s.commit()
                    break
                except IntegrityError:
                    # Replicas started together: another one added the same admin first; the second pass finds it.
                    s.rollback()
                    if attempt == 2:
                        raise
    core = Core(settings=settings, engine=engine, clock=clock, desk=desk)
    core.runner = TimerRunner(engine=engine, clock=clock, handle=desk.handle,
                              deliver=lambda out: core.deliver(out))
    desk.on_timers = core.runner.poke_threadsafe
    # Two workers on either database: SQLite takes one writer at a time, and on PostgreSQL more threads only fight
    # over the GIL (scripts/drill: eight handled fewer events a second than two, and acknowledged them 5x slower).
    core.inbox = Inbox(engine=engine, clock=clock, process=core._process, concurrency=2)
    core.metrics = Metrics(engine, clock)
    core.runner.on_fired = core.metrics.fired
    return core


def first_admin_link(core: Core) -> str | None:
    """A sign-in link for the first admin when no admin can sign in yet, else None."""
    now = core.clock.now()
    with db.session(core.engine) as s:
        if access.anyone_can_sign_in(s, now=now):
            return None
        member = (next(filter(None, (find_member(s, ref) for ref in core.settings.admin_refs)), None)
                  or next((m for m in list_members(s) if m.role == "admin"), None))
        if member is None:
            member = resolve_member(s, "web:admin", name="admin", register=True, now=now)
            member.role = "admin"
        raw = access.issue_login_link(s, member, actor="system:serve", now=now)
        s.commit()
        return login_url(core.settings.console_url, raw)


async def healthz(request: web.Request) -> web.Response:
    core: Core = request.app[CORE_KEY]
    problem = await asyncio.to_thread(db.check, core.engine)
    if problem:
        return web.json_response({"status": "error", "db": problem}, status=503)
    return web.json_response({"status": "ok", "db": "ok"})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus scrapes this; it serves the same loopback-or-configured audience as /healthz."""
    core: Core = request.app[CORE_KEY]
    body = await asyncio.to_thread(core.metrics.render)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def build_app(core: Core, *, run_timers: bool = True) -> web.Application:
    """The one aiohttp application: health, every configured surface, and the timer runner."""
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app[CORE_KEY] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    for ep in sorted(entry_points(group=SURFACE_GROUP), key=lambda e: e.name):
        port = ep.load()(app, core)
        if port is not None:
            core.ports[port.platform] = port
            log.info("surface %s mounted", ep.name)
    app.cleanup_ctx.append(_recover)
    app.cleanup_ctx.append(_background(lambda core: core.inbox.run(), "inbox"))
    if run_timers:
        app.cleanup_ctx.append(_background(lambda core: core.runner.run(), "timer-runner"))
    return app


async def _recover(app: web.Application):
    """Before any work starts: on SQLite, which one process owns, what the last run left claimed (it stopped)
    is taken again now rather than after its lease. PostgreSQL replicas wait for the lease: the claimer may
    be alive."""
    core: Core = app[CORE_KEY]
    if core.engine.dialect.name == "sqlite":
        await asyncio.to_thread(core.inbox.release, None)
        await asyncio.to_thread(core.runner.release_all)
    yield


def _background(start, name: str):
    """A task that runs while the server does; stopping the server cancels it (a graceful stop)."""
    async def lifecycle(app: web.Application):
        task = asyncio.create_task(start(app[CORE_KEY]), name=name)
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    return lifecycle


def serve(settings: Settings) -> None:
    core = build_core(settings)
    with db.session(core.engine) as s:
        todo = setup_checklist(s)
    if todo:
        print("Set-up still to do (an admin types these in chat or the console; `help` lists them too):\n"
              + "\n".join(f"  • {line}" for line in todo), flush=True)
    first_link = first_admin_link(core)
    if first_link:
        # Like Jupyter's token URL: on a fresh install this is how the first admin gets in.
        print(f"Nobody can sign in to the console yet. The first admin signs in here (one use, 15 minutes):\n"
              f"    {first_link}", flush=True)
    app = build_app(core)
    # What start-up built (the lexicon's automaton, the models' weights) lives as long as the process: kept out of the
    # collector, whose full passes over it took up to 8 ms of one message's analysis (1.4 ms without).
    gc.freeze()
    log.info("console on http://%s:%s/", settings.host, settings.port)
    web.run_app(app, host=settings.host, port=settings.port, access_log=None, print=None)
