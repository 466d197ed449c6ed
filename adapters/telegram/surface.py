"""Telegram: python-telegram-bot's Application, by long polling or by a webhook on the bot's aiohttp server."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hmac
import json
import logging
from functools import partial

from aiohttp import web
from telegram import (
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from adapters.telegram.render import (
    decode_callback,
    encode_callback,
    esc,
    parse_prompt,
    prompt_text,
    render_edit,
    render_messages,
)
from bot import events
from bot.commands.parser import parse_command
from bot.i18n.language import language_of, speaking
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.messages import Card, MessageRef, Outbound
from bot.ports import DeliveryRejected

log = logging.getLogger(__name__)

PLATFORM = "telegram"
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query"]
POLL_TIMEOUT = 25  # seconds a getUpdates call waits for news
RETRY_SECONDS = 1.0
MENU_LANGUAGES = {"zh": ("zh-Hans", "zh-Hant")}  # Telegram has one Chinese code; both scripts are shown


member_ref = partial(events.member_ref, PLATFORM)


def keyboard(card: Card) -> InlineKeyboardMarkup | None:
    if not card.buttons:
        return None
    rows = [[InlineKeyboardButton(b.label, callback_data=encode_callback(b.action, b.value))] for b in card.buttons]
    # Two buttons a row keeps the keyboard compact on a phone.
    return InlineKeyboardMarkup([sum(rows[i:i + 2], []) for i in range(0, len(rows), 2)])


class TelegramPort:
    """Sends, replies and edits in place through the Bot API; says where a card landed."""

    platform = PLATFORM

    def __init__(self, application: Application) -> None:
        self.bot = application.bot

    async def deliver(self, message: Outbound) -> MessageRef | None:
        card, markup = message.card, keyboard(message.card)
        try:
            if message.replace is not None:
                try:
                    await self.bot.edit_message_text(render_edit(card), chat_id=message.replace.channel,
                                                     message_id=int(message.replace.message_id),
                                                     parse_mode=ParseMode.HTML, reply_markup=markup)
                except BadRequest as exc:
                    if "not modified" not in str(exc).lower():
                        raise
                return message.replace
            where = message.reply_to
            user = next((r.split(":", 1)[1] for r in message.recipients if r.startswith(PLATFORM + ":")), None)
            if message.private and user and where is not None and where.channel != user:
                # Privately in a group means a direct message, when the member has started the bot.
                try:
                    return await self._send(user, None, card, markup)
                except Forbidden:
                    pass
            if where is None:
                if user is None:
                    raise DeliveryRejected("no chat and no Telegram recipient")
                return await self._send(user, None, card, markup)
            return await self._send(where.channel, where.message_id or None, card, markup)
        except (BadRequest, Forbidden) as exc:
            raise DeliveryRejected(str(exc)) from None

    async def _send(self, chat: str, reply_to: str | None, card: Card, markup) -> MessageRef:
        sent = None
        parts = render_messages(card)
        for i, text in enumerate(parts):
            last = i == len(parts) - 1
            sent = await self.bot.send_message(
                chat, text, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
                reply_parameters=ReplyParameters(int(reply_to), allow_sending_without_reply=True)
                if reply_to and i == 0 else None)
        if card.image:
            # The chart follows its text; the text message stays the card's reference (buttons live there). The
            # text has landed: a chart that cannot follow is logged, not a reason to send the text again.
            try:
                await self.bot.send_photo(chat, base64.b64decode(card.image), caption=card.title[:1000] or None)
            except (BadRequest, Forbidden) as exc:
                log.warning("the chart of %r was not sent: %s", card.title, exc)
        return MessageRef(PLATFORM, str(sent.chat_id), str(sent.message_id))


class TelegramSurface:
    def __init__(self, core, application: Application) -> None:
        self.core = core
        self.application = application
        self.port = TelegramPort(application)
        application.add_handler(CallbackQueryHandler(self.on_callback))
        application.add_handler(MessageHandler(filters.COMMAND, self.on_command))
        application.add_handler(MessageHandler(~filters.COMMAND, self.on_message))
        application.add_error_handler(self.on_error)
        self._unstored: set[int] = set()

    # -- ways in ----------------------------------------------------------------------------------------
    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot:
            return
        here = _here(message)
        reply = message.reply_to_message
        if reply is not None and reply.from_user and reply.from_user.id == context.bot.id:
            asked = parse_prompt(reply.text or "")
            if asked is not None:
                action, value = asked
                with speaking(language_of(user.language_code)):
                    form = self.core.desk.team.registry.form(action)
                field = form.fields[0].name if form and not form.typed else "text"
                return await self._store(update, ActionInvoked(
                    platform=PLATFORM, event_id=f"{message.chat_id}:{message.message_id}", member=member_ref(user.id),
                    member_name=user.full_name, locale=user.language_code, conversation=str(message.chat_id),
                    action=action, value=value,
                    inputs={field: message.text or message.caption or ""}), here)
        if message.forward_origin is None and message.chat.type != "private":
            return  # in a group only forwards and commands are for the bot
        customer, event_id, repeat = _origin(message)
        await self._store(update, MessageReceived(
            platform=PLATFORM, event_id=event_id, member=member_ref(user.id), member_name=user.full_name,
            locale=user.language_code, conversation=str(message.chat_id), text=message.text or message.caption or "", customer=customer,
            source=here, repeat_answer=repeat), here)

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot:
            return
        parsed = parse_command(message.text or "", bot_username=context.bot.username)
        if parsed is None:
            return  # addressed to another bot in the group
        here = _here(message)
        reply = message.reply_to_message
        if parsed.name == "complaint" and not parsed.args and reply is not None:
            # `/complaint` in reply to a customer's message analyses that message.
            customer, event_id, _repeat = _origin(reply)
            return await self._store(update, MessageReceived(
                platform=PLATFORM, event_id=event_id, member=member_ref(user.id), member_name=user.full_name,
                locale=user.language_code, conversation=str(message.chat_id), text=reply.text or reply.caption or "", customer=customer,
                source=_here(reply), repeat_answer=True), here)
        await self._store(update, CommandInvoked(
            platform=PLATFORM, event_id=f"{message.chat_id}:{message.message_id}", member=member_ref(user.id),
            member_name=user.full_name, locale=user.language_code, conversation=str(message.chat_id), name=parsed.name,
            args=parsed.args,
            source=here), here)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, update.effective_user
        if user is None or user.is_bot or query.message is None:
            return await query.answer()
        decoded = decode_callback(query.data or "")
        if decoded is None:
            return await query.answer()
        action, value = decoded
        card = query.message
        here = MessageRef(PLATFORM, str(card.chat_id), str(card.message_id))
        with speaking(language_of(user.language_code)):
            form = self.core.desk.team.registry.form(action)
            mention = f'<a href="tg://user?id={user.id}">{esc(user.first_name or "you")}</a>'
            prompt = prompt_text(form, action, value, mention) if form is not None else ""
        if form is not None:
            await query.answer()  # soon, or Telegram shows the press as failed
            await context.bot.send_message(card.chat_id, prompt,
                                           parse_mode=ParseMode.HTML,
                                           reply_parameters=ReplyParameters(card.message_id,
                                                                            allow_sending_without_reply=True),
                                           reply_markup=ForceReply(selective=True,
                                                                   input_field_placeholder=(form.typed or form.fields[0].label)[:64]))
            return
        await self._store(update, ActionInvoked(platform=PLATFORM, event_id=f"callback:{query.id}",
                                                member=member_ref(user.id), member_name=user.full_name,
                                                locale=user.language_code, conversation=str(card.chat_id),
                                                action=action, value=value,
                                                message=here), here)
        await query.answer()  # after storing: the press is taken

    async def _store(self, update: Update, event, here: MessageRef) -> None:
        """Commit the event to the inbox; a failure marks the update as not stored, so it is not confirmed."""
        try:
            await self.core.accept(event, here)
        except Exception as exc:
            raise NotStored(update.update_id) from exc

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if isinstance(context.error, NotStored):
            log.warning("telegram update %s could not be stored; it is not confirmed and will come again",
                        context.error.update_id, exc_info=context.error.__cause__)
            self._unstored.add(context.error.update_id)
            return
        log.error("telegram update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat and update.effective_user:
            await self.core.tell_failure(member=member_ref(update.effective_user.id),
                                         here=MessageRef(PLATFORM, str(update.effective_chat.id), ""))

    async def take(self, updates: list[Update]) -> int | None:
        """Run updates through the handlers, each stored before this returns; the first update id not stored,
        or None when all were."""
        await asyncio.gather(*(self.application.process_update(u) for u in updates))
        failed = [u.update_id for u in updates if u.update_id in self._unstored]
        self._unstored.difference_update(u.update_id for u in updates)
        return min(failed) if failed else None

    async def poll(self) -> None:
        """Long polling that confirms an update (the next call's offset) only after it is stored: PTB's Updater
        confirms updates as it fetches them, before any handler has run."""
        offset = None
        while True:
            try:
                updates = await self.application.bot.get_updates(offset=offset, timeout=POLL_TIMEOUT,
                                                                 allowed_updates=ALLOWED_UPDATES)
            except TelegramError as exc:  # an outage, a timeout, another poller: keep trying, nothing is lost
                log.warning("telegram getUpdates failed (%s); trying again shortly", type(exc).__name__)
                await asyncio.sleep(RETRY_SECONDS)
                continue
            if not updates:
                continue
            first_unstored = await self.take(list(updates))
            offset = first_unstored if first_unstored is not None else updates[-1].update_id + 1
            if first_unstored is not None:
                await asyncio.sleep(RETRY_SECONDS)

    # -- set-up and transports ----------------------------------------------------------------------------
    async def register_commands(self) -> None:
        """The core's commands in Telegram's menu: English by default, Chinese for zh users."""
        commands = list(self.core.desk.team.registry.commands())
        await self.application.bot.set_my_commands([BotCommand(c.name, c.summary[:256]) for c in commands])
        for code, scripts in MENU_LANGUAGES.items():
            def text(command) -> str:
                return " / ".join(dict.fromkeys(command.summary_in(s) for s in scripts))[:256]
            await self.application.bot.set_my_commands([BotCommand(c.name, text(c)) for c in commands],
                                                       language_code=code)

    async def webhook(self, request: web.Request) -> web.Response:
        """POST /telegram/webhook: the secret header is checked first; 200 only once the update is stored."""
        secret = self.core.settings.telegram_webhook_secret.get_secret_value()
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.json_response({"error": "forbidden"}, status=403)
        try:
            data = json.loads(await request.text())
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError):
            return web.json_response({"error": "not a Telegram update"}, status=400)
        if await self.take([update]) is not None:
            return web.json_response({"error": "not stored; send it again"}, status=503)
        return web.json_response({"ok": True})


class NotStored(Exception):
    """An update the inbox could not take: it must not be confirmed to Telegram."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} not stored")
        self.update_id = update_id


def _here(message: Message) -> MessageRef:
    return MessageRef(PLATFORM, str(message.chat_id), str(message.message_id))


def _origin(message: Message) -> tuple[CustomerRef, str, bool]:
    """Who the customer is, from where a forwarded message came; and the id that names this content."""
    origin = message.forward_origin
    own_id = f"{message.chat_id}:{message.message_id}"
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        return CustomerRef(ref=member_ref(user.id), name=user.full_name), own_id, False
    if isinstance(origin, MessageOriginHiddenUser):
        return CustomerRef(name=origin.sender_user_name), own_id, False
    if isinstance(origin, MessageOriginChannel):
        # A channel post is one piece of content wherever it is forwarded: forwarding it again is a repeat.
        return (CustomerRef(ref=f"{PLATFORM}-chat:{origin.chat.id}", name=origin.chat.title),
                f"forward:{origin.chat.id}:{origin.message_id}", True)
    if isinstance(origin, MessageOriginChat):
        chat = origin.sender_chat
        return CustomerRef(ref=f"{PLATFORM}-chat:{chat.id}", name=chat.title), own_id, False
    return CustomerRef(), own_id, False


def build_application(settings) -> Application:
    builder = (ApplicationBuilder().token(settings.telegram_bot_token.get_secret_value())
               .base_url(settings.telegram_api_url).base_file_url(settings.telegram_api_url.replace("/bot", "/file/bot"))
               .rate_limiter(AIORateLimiter(max_retries=3)).concurrent_updates(True))
    # Updates come in through `TelegramSurface.take`, by webhook or by its own polling, never PTB's Updater.
    return builder.updater(None).build()


def mount(app: web.Application, core) -> TelegramPort | None:
    """Entry point: Telegram is on when TELEGRAM_BOT_TOKEN is set; a webhook when TELEGRAM_WEBHOOK_URL is too."""
    settings = core.settings
    if settings.telegram_bot_token is None:
        return None
    webhook_url = settings.telegram_webhook_url
    if webhook_url and settings.telegram_webhook_secret is None:
        raise RuntimeError("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET")
    surface = TelegramSurface(core, build_application(settings))
    application = surface.application
    if webhook_url:
        app.router.add_post(WEBHOOK_PATH, surface.webhook)

    async def lifecycle(_app: web.Application):
        await application.initialize()
        await surface.register_commands()
        if webhook_url:
            await application.bot.set_webhook(webhook_url, secret_token=settings.telegram_webhook_secret.get_secret_value(),
                                              allowed_updates=ALLOWED_UPDATES)
        else:
            await application.bot.delete_webhook()
            polling = asyncio.create_task(surface.poll(), name="telegram-polling")
        log.info("telegram %s started as @%s", "webhook" if webhook_url else "polling", application.bot.username)
        yield
        if not webhook_url:
            polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await polling
        await application.shutdown()

    app.cleanup_ctx.append(lifecycle)
    return surface.port
