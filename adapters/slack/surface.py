"""Slack: slack-bolt's AsyncApp inside the bot's aiohttp server (Events API) or over Socket Mode."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
from dataclasses import replace
from functools import partial

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import FORM_PREFIX, form_inputs, form_view, plain_text, render_card
from bot import events
from bot.commands.parser import SLACK_PREFIX, parse_command
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.i18n.language import language_of, speaking
from bot.messages import ActionId, MessageRef, Outbound
from bot.ports import DeliveryRejected

log = logging.getLogger(__name__)

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"
SHORTCUT_ID = "analyze_complaint"
COMMAND = "/cs"
NAME_LOOKUP_SECONDS = 1.0
# Errors that will not go away by sending again: the message is dropped with a warning, not retried.
PERMANENT = {
    "channel_not_found", "not_in_channel", "is_archived", "invalid_blocks", "invalid_blocks_format",
    "msg_too_long", "no_text", "cant_update_message", "message_not_found", "edit_window_closed",
    "user_not_found", "user_not_in_channel", "invalid_auth", "not_authed", "account_inactive",
    "token_revoked", "missing_scope", "invalid_arguments", "restricted_action",
}
NO_CHANNEL = {"channel_not_found", "not_in_channel", "user_not_in_channel"}
# A kept message's post carries its outbox row in Slack message metadata, so sending it again after a stop or a
# lost answer can first look whether it already landed.
METADATA_TYPE = "complaint_desk_message"
LOOK_BACK = 100  # messages of a conversation read to find one that landed
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_MENTION_ID = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")


member_ref = partial(events.member_ref, PLATFORM)
user_id = partial(events.platform_user, platform=PLATFORM)


class SlackPort:
    """Posts, threads, edits and ephemerals through the Web API; says where a card landed."""

    platform = PLATFORM

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def deliver(self, message: Outbound) -> MessageRef | None:
        ref = await self._deliver(message)
        if message.card.image and message.replace is None:
            await self._upload_image(message, ref)
        return ref

    async def _upload_image(self, message: Outbound, ref: MessageRef | None) -> None:
        """The card's chart as a file beside it: in the same conversation, or (for a private answer, which a file
        cannot be) in the member's direct messages."""
        user = next((u for u in map(user_id, message.recipients) if u), None)
        if ref is not None and not message.private:
            channel, thread = ref.channel, ref.thread_id
        elif user is not None:
            try:
                opened = await self.client.conversations_open(users=user)
            except SlackApiError as exc:
                log.warning("the chart of %r has no DM to go to: %s", message.card.title, _error(exc))
                return
            channel, thread = opened["channel"]["id"], None
        else:
            return
        try:
            await self.client.files_upload_v2(channel=channel, thread_ts=thread, file=base64.b64decode(message.card.image),
                                              filename="chart.png", title=message.card.title or "chart")
        except SlackApiError as exc:
            # The text has landed: a chart that cannot follow (no files:write scope, say) is not worth sending the
            # text again for, which a retry of the whole message would do.
            log.warning("the chart of %r was not uploaded: %s", message.card.title, _error(exc))

    async def _deliver(self, message: Outbound) -> MessageRef | None:
        text, blocks = render_card(message.card)
        user = next((u for u in map(user_id, message.recipients) if u), None)
        try:
            if message.replace is not None:
                await self.client.chat_update(channel=message.replace.channel, ts=message.replace.message_id,
                                              text=text, blocks=blocks)
                return message.replace
            where = message.reply_to
            thread = where.thread_id if where else None
            if message.private:
                if where is None or user is None:
                    return await self._direct(user, text, blocks, message)
                try:
                    await self.client.chat_postEphemeral(channel=where.channel, user=user, text=text, blocks=blocks,
                                                         thread_ts=thread)
                except SlackApiError as exc:
                    if _error(exc) not in NO_CHANNEL:
                        raise
                    # A slash command in a channel the bot is not in: answer in the member's DM instead.
                    await self._direct(user, text, blocks, message)
                return None
            if where is None:
                return await self._direct(user, text, blocks, message)
            landed = await self._landed(where.channel, thread, message)
            if landed is not None:
                return landed
            try:
                resp = await self.client.chat_postMessage(channel=where.channel, text=text, blocks=blocks,
                                                          thread_ts=thread, metadata=_metadata(message))
            except SlackApiError as exc:
                if _error(exc) not in NO_CHANNEL or user is None:
                    raise
                return await self._direct(user, text, blocks, message)
            return MessageRef(PLATFORM, resp["channel"], resp["ts"], thread)
        except SlackApiError as exc:
            if _error(exc) in PERMANENT:
                raise DeliveryRejected(_error(exc)) from None
            raise

    async def _direct(self, user: str | None, text: str, blocks: list[dict], message: Outbound) -> MessageRef:
        if user is None:
            raise DeliveryRejected("no channel and no Slack recipient")
        if message.again and message.kept is not None:
            try:  # the DM's channel, to look in; when Slack will not say, the message is posted all the same
                opened = await self.client.conversations_open(users=user)
            except SlackApiError as exc:
                log.info("could not open the DM to look for kept message %s (%s)", message.kept, _error(exc))
            else:
                landed = await self._landed(opened["channel"]["id"], None, message)
                if landed is not None:
                    return landed
        resp = await self.client.chat_postMessage(channel=user, text=text, blocks=blocks, metadata=_metadata(message))
        return MessageRef(PLATFORM, resp["channel"], resp["ts"])

    async def _landed(self, channel: str, thread: str | None, message: Outbound) -> MessageRef | None:
        """Where a kept message sent once more already is, if it landed before (None when it did not, or when
        Slack cannot say: it is then posted, at least once)."""
        if not message.again or message.kept is None:
            return None
        try:
            if thread:
                resp = await self.client.conversations_replies(channel=channel, ts=thread, limit=LOOK_BACK,
                                                               include_all_metadata=True)
            else:
                resp = await self.client.conversations_history(channel=channel, limit=LOOK_BACK,
                                                               include_all_metadata=True)
        except SlackApiError as exc:
            log.info("could not look whether kept message %s already landed (%s); posting it", message.kept,
                     _error(exc))
            return None
        for found in resp.get("messages") or []:
            meta = found.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if (meta.get("event_type") == METADATA_TYPE and payload.get("kept") == message.kept
                    and payload.get("case") == message.case_id):
                log.info("kept message %s had already landed; not posted again", message.kept)
                return MessageRef(PLATFORM, channel, found["ts"], thread)
        return None


def _metadata(message: Outbound) -> dict | None:
    """The message's outbox row and case, for `_landed` (no customer's words: Slack shows metadata to apps)."""
    if message.kept is None:
        return None
    return {"event_type": METADATA_TYPE, "event_payload": {"kept": message.kept, "case": message.case_id}}


def _error(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or "")
    except Exception:
        return ""


class SlackSurface:
    """The Bolt listeners: each turns a request into an event; the event is stored, and only then acknowledged."""

    def __init__(self, core, client: AsyncWebClient, signing_secret: str) -> None:
        self.core = core
        self.client = client
        self.port = SlackPort(client)
        self._locales: dict[str, str | None] = {}
        # The response waits for the listener, which only stores the event: Slack hears "arrived" after the
        # commit. (Without this, Bolt acknowledges Events API requests before any listener has run.)
        self.bolt = AsyncApp(client=client, signing_secret=signing_secret, name="complaint-desk",
                             process_before_response=True)
        self.bolt.shortcut(SHORTCUT_ID)(self._stored(self.on_shortcut))
        self.bolt.event("app_mention")(self._stored(self.on_mention))
        self.bolt.event("message")(self._stored(self.on_message))
        self.bolt.command(COMMAND)(self._stored(self.on_command))
        self.bolt.action(re.compile(".+"))(self._stored(self.on_action))
        self.bolt.view(re.compile("^" + re.escape(FORM_PREFIX)))(self._stored(self.on_view))
        self.bolt.event("app_home_opened")(self.on_home)

    async def on_home(self, body: dict) -> None:
        """The App Home tab: the member's own queue, drawn fresh each time they open it (nothing to store)."""
        ev = body.get("event") or {}
        if ev.get("tab") != "home" or not ev.get("user"):
            return
        user = ev["user"]
        try:
            card = await asyncio.to_thread(self.core.home, member_ref(user), locale=await self._locale(user))
            _text, blocks = render_card(card)
            await self.client.views_publish(user_id=user, view={"type": "home", "blocks": blocks})
        except Exception:
            log.exception("slack app home for a member failed")

    def _stored(self, listener):
        """Slack hears "arrived" (the 200, the Socket Mode ack) only after the event is committed to the inbox.

        A listener that fails tells the member privately, in a sentence, and the trace goes to the log; when
        the store fails, nothing is acknowledged and Slack sends the request again.
        """
        async def listening(ack, body):
            try:
                found = await listener(body)
            except Exception:
                log.exception("slack listener %s failed", listener.__name__)
                await ack()
                await self._tell_failure(body)
                return
            if found is not None:
                event, here = found
                if event.locale is None:
                    event = replace(event, locale=await self._locale(event.member.split(":", 1)[1]))
                # A failure here is raised: Bolt answers 500, nothing is acknowledged, and Slack sends it again.
                await self.core.accept(event, here)
            await ack()
        return listening

    async def _locale(self, user: str) -> str | None:
        """The member's Slack locale ("zh-CN"), asked once a process: the bot speaks it until they choose."""
        if user not in self._locales:
            try:
                async with asyncio.timeout(NAME_LOOKUP_SECONDS):  # the acknowledgement waits for this, once
                    profile = (await self.client.users_info(user=user, include_locale=True)).get("user") or {}
                self._locales[user] = profile.get("locale")
            except SlackApiError:
                self._locales[user] = None  # not visible to the bot: the member can still choose a language
            except TimeoutError:
                return None  # asked again next time
        return self._locales[user]

    async def _tell_failure(self, body: dict) -> None:
        user = (body.get("user") or {}).get("id") or body.get("user_id") or (body.get("event") or {}).get("user")
        channel = ((body.get("channel") or {}).get("id") or body.get("channel_id")
                   or (body.get("event") or {}).get("channel"))
        if user:
            await self.core.tell_failure(member=member_ref(user),
                                         here=MessageRef(PLATFORM, channel, "") if channel else None)

    # -- ways in: each returns the event and where to answer it, or None ---------------------------------
    async def on_shortcut(self, body: dict):
        message, channel = body.get("message") or {}, body["channel"]["id"]
        here = MessageRef(PLATFORM, channel, message.get("ts", ""), message.get("thread_ts") or message.get("ts"))
        return MessageReceived(
            platform=PLATFORM, event_id=f"message:{channel}:{message.get('ts')}", member=member_ref(body["user"]["id"]),
            member_name=_name(body.get("user")), conversation=channel, text=_message_text(message),
            customer=_author(message), source=here, repeat_answer=True), here

    async def on_mention(self, body: dict):
        ev = body["event"]
        if ev.get("bot_id"):
            return None
        channel, ts, thread = ev["channel"], ev["ts"], ev.get("thread_ts")
        here = MessageRef(PLATFORM, channel, ts, thread or ts)
        text = plain_text(_MENTION.sub("", ev.get("text", ""))).strip()
        if _is_command(text):
            return await self._command_event(body["event_id"], ev["user"], None, channel, text), here
        event_id, customer, repeat = body["event_id"], CustomerRef(), False
        if not text and thread and thread != ts:
            # "@bot" alone in a thread: the customer's message is the thread's parent.
            replies = await self.client.conversations_replies(channel=channel, ts=thread, limit=1)
            parent = (replies.get("messages") or [{}])[0]
            text, repeat = _message_text(parent), True
            event_id = f"message:{channel}:{thread}"
            customer = _author(parent)
        return MessageReceived(platform=PLATFORM, event_id=event_id, member=member_ref(ev["user"]),
                               conversation=channel, text=text, customer=customer, source=here,
                               repeat_answer=repeat), here

    async def on_message(self, body: dict):
        ev = body["event"]
        # Only direct messages from people; edits, joins and other bots (the bot itself included) are not complaints.
        if ev.get("channel_type") != "im" or ev.get("subtype") or ev.get("bot_id") or not ev.get("user"):
            return None
        channel = ev["channel"]
        here = MessageRef(PLATFORM, channel, ev["ts"], ev.get("thread_ts"))
        text = _message_text(ev)
        if _is_command(text):
            return await self._command_event(body["event_id"], ev["user"], None, channel, text), here
        shared = next((a for a in ev.get("attachments") or [] if a.get("author_id") or a.get("author_name")), {})
        author = shared.get("author_id")
        customer = CustomerRef(ref=member_ref(author) if author else None, name=shared.get("author_name"))
        return MessageReceived(platform=PLATFORM, event_id=body["event_id"], member=member_ref(ev["user"]),
                               conversation=channel, text=text, customer=customer, source=here), here

    async def on_command(self, body: dict):
        channel = body.get("channel_id", "")
        return await self._command_event(f"command:{body.get('trigger_id')}", body["user_id"], body.get("user_name"),
                                         channel, f"{COMMAND} {body.get('text', '')}"), MessageRef(PLATFORM, channel, "")

    async def _command_event(self, event_id: str, user: str, name: str | None, channel: str,
                             line: str) -> CommandInvoked:
        parsed = parse_command(line)
        # `/cs note 12 <@U1|ann> said…`: mentions become member references the core understands, with the
        # names Slack knows them by (so a member added by mention is named before they have used the bot).
        return CommandInvoked(platform=PLATFORM, event_id=event_id, member=member_ref(user), member_name=name,
                              conversation=channel, name=parsed.name if parsed else "help",
                              args=plain_text(parsed.args, refs=True) if parsed else "",
                              source=MessageRef(PLATFORM, channel, ""),
                              names=await self._names(parsed.args if parsed else ""))

    async def _names(self, text: str) -> dict[str, str]:
        """Display names of the members a command mentions, from the mention's label or `users.info`."""
        names = {}
        for found in _MENTION_ID.finditer(text):
            uid, label = found.group(1), found.group(2)
            if not label:
                try:
                    async with asyncio.timeout(NAME_LOOKUP_SECONDS):  # the acknowledgement waits for this
                        profile = (await self.client.users_info(user=uid)).get("user") or {}
                except (SlackApiError, TimeoutError):
                    continue  # the reference still works; the name is the id until they use the bot
                label = ((profile.get("profile") or {}).get("display_name") or profile.get("real_name")
                         or profile.get("name"))
            if label:
                names[member_ref(uid)] = label
        return names

    async def on_action(self, body: dict):
        action = (body.get("actions") or [{}])[0]
        try:
            action_id = ActionId(action.get("action_id", ""))
        except ValueError:
            log.info("ignored a Slack action with an unknown id")
            return None
        value = str(action.get("value") or "")
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id", "")
        message = body.get("message") or {}
        ts = container.get("message_ts") or message.get("ts", "")
        thread = message.get("thread_ts")
        with speaking(language_of(await self._locale(body["user"]["id"]))):
            form = self.core.desk.team.registry.form(action_id)
        if form is not None:
            # trigger_id lives three seconds: open the modal before anything slow. Nothing is stored yet:
            # the submitted form is the event.
            meta = {"c": channel, "ts": "" if container.get("is_ephemeral") else ts, "th": thread}
            await self.client.views_open(trigger_id=body["trigger_id"], view=form_view(form, action_id, value, meta))
            return None
        card = None if container.get("is_ephemeral") or not ts else MessageRef(PLATFORM, channel, ts, thread)
        return (ActionInvoked(platform=PLATFORM, event_id=f"action:{body.get('trigger_id') or action.get('action_ts')}",
                              member=member_ref(body["user"]["id"]), member_name=_name(body.get("user")),
                              conversation=channel, action=action_id, value=value, message=card),
                MessageRef(PLATFORM, channel, "", thread) if channel else None)  # App Home: answers go to the DM

    async def on_view(self, body: dict):
        view = body.get("view") or {}
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
            action_id = ActionId(view["callback_id"].removeprefix(FORM_PREFIX))
        except (ValueError, KeyError):
            log.info("ignored a Slack view submission we did not open")
            return None
        channel, ts, thread = meta.get("c", ""), meta.get("ts", ""), meta.get("th")
        return (ActionInvoked(platform=PLATFORM, event_id=f"view:{view.get('id')}",
                              member=member_ref(body["user"]["id"]), member_name=_name(body.get("user")),
                              conversation=channel, action=action_id, value=str(meta.get("value", "")),
                              inputs=form_inputs(view),
                              message=MessageRef(PLATFORM, channel, ts, thread) if ts else None),
                MessageRef(PLATFORM, channel, "", thread))

    # -- transports -------------------------------------------------------------------------------
    async def events(self, request: web.Request) -> web.Response:
        """POST /slack/events: Bolt checks the signature and the timestamp, then runs a listener."""
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            # Bolt would fail on it with a trace; a request Slack signed always carries a number here.
            return web.json_response({"error": "invalid request"}, status=401)
        return await to_aiohttp_response(await self.bolt.async_dispatch(await to_bolt_request(request)))


def _is_command(text: str) -> bool:
    """`cs help`, `cs case 12` typed in a DM or after a mention (Slack keeps `/` for real slash commands)."""
    head = text.strip().split(" ", 1)[0].lower()
    return head in (SLACK_PREFIX, COMMAND)


def _author(message: dict) -> CustomerRef:
    """The customer behind a Slack message: its author's id and whatever name the message carries."""
    author = message.get("user") or message.get("bot_id")
    profile = message.get("user_profile") or {}
    return CustomerRef(ref=member_ref(author) if author else None,
                       name=profile.get("real_name") or profile.get("display_name") or message.get("username"))


def _name(user: dict | None) -> str | None:
    user = user or {}
    return user.get("name") or user.get("username")


def _message_text(message: dict) -> str:
    """A message's words: its text, plus the text of a message shared into it."""
    parts = [message.get("text") or ""]
    for attachment in message.get("attachments") or []:
        parts.append(attachment.get("text") or attachment.get("fallback") or "")
    return plain_text("\n".join(p for p in parts if p)).strip()


def make_client(settings) -> AsyncWebClient:
    retry: list[AsyncRetryHandler] = [AsyncRateLimitErrorRetryHandler(max_retry_count=3),
                                      AsyncServerErrorRetryHandler(max_retry_count=2)]
    client = AsyncWebClient(token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url)
    client.retry_handlers.extend(retry)
    return client


def mount(app: web.Application, core) -> SlackPort | None:
    """Entry point: Slack is on when SLACK_BOT_TOKEN is set (Events API with a signing secret, Socket Mode with an app token)."""
    settings = core.settings
    if settings.slack_bot_token is None:
        return None
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    surface = SlackSurface(core, make_client(settings), secret)
    if secret:
        app.router.add_post(EVENTS_PATH, surface.events)
    if settings.slack_app_token is not None:
        app_token = settings.slack_app_token.get_secret_value()

        async def socket_mode(_app: web.Application):
            handler = AsyncSocketModeHandler(surface.bolt, app_token=app_token)
            await handler.connect_async()
            log.info("slack socket mode connected")
            yield
            await handler.close_async()

        app.cleanup_ctx.append(socket_mode)
    return surface.port
