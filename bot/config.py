"""Settings from the environment and an optional .env file."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob the bot reads at start-up; names match the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'bot.db'}",
        validation_alias="DATABASE_URL",
    )
    host: str = Field(default="127.0.0.1", validation_alias="BOT_HOST")
    port: int = Field(default=8080, ge=0, le=65535, validation_alias="BOT_PORT")
    timezone: str = Field(default="Asia/Shanghai", validation_alias="BOT_TIMEZONE")
    admins: str = Field(default="", validation_alias="BOT_ADMINS")
    web_token: SecretStr | None = Field(default=None, validation_alias="BOT_WEB_TOKEN")
    public_url: str | None = Field(default=None, validation_alias="BOT_PUBLIC_URL")
    default_currency: str = Field(default="CNY", validation_alias="BOT_CURRENCY")

    # Chat surfaces: each turns on when its tokens are set. Base URLs let a deployment use a proxy.
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", validation_alias="SLACK_API_URL")
    telegram_bot_token: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    telegram_webhook_url: str | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_api_url: str = Field(default="https://api.telegram.org/bot", validation_alias="TELEGRAM_API_URL")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("web_token", "slack_bot_token", "slack_signing_secret", "slack_app_token", "telegram_bot_token",
                     "telegram_webhook_url", "telegram_webhook_secret", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value):
        return value or None

    @property
    def admin_refs(self) -> list[str]:
        """Member references named in BOT_ADMINS, e.g. ['web:alice', 'slack:U123']."""
        return [ref.strip() for ref in self.admins.split(",") if ref.strip()]

    def secret_values(self) -> list[str]:
        """Every configured secret in clear, for the log filter to mask."""
        return [v.get_secret_value() for v in (self.web_token, self.slack_bot_token, self.slack_signing_secret,
                                               self.slack_app_token, self.telegram_bot_token,
                                               self.telegram_webhook_secret) if v is not None]

    @property
    def console_url(self) -> str:
        """Where people open the console: BOT_PUBLIC_URL, else this machine's own address."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Host names the console answers to: loopback names and the public name (DNS rebinding gets nothing)."""
        hosts = {"localhost", "127.0.0.1", "::1"}
        if self.public_url:
            name = urlsplit(self.public_url).hostname
            if name:
                hosts.add(name.lower())
        return frozenset(hosts)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def host_is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def serve_refusal(self) -> str | None:
        """Why `bot serve` must not start with these settings, or None when it may."""
        if not self.host_is_loopback() and self.public_url is None:
            return (
                f"BOT_HOST={self.host} is reachable from a network, but BOT_PUBLIC_URL is not set: the address "
                "people open the console at (the console answers to no other name, and sign-in links point "
                "there). Set BOT_PUBLIC_URL, or bind to 127.0.0.1."
            )
        if self.slack_bot_token and not (self.slack_signing_secret or self.slack_app_token):
            return ("SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (for the Events API) or "
                    "SLACK_APP_TOKEN (for Socket Mode); set one of them.")
        if self.telegram_webhook_url and not self.telegram_webhook_secret:
            return ("TELEGRAM_WEBHOOK_URL is set without TELEGRAM_WEBHOOK_SECRET; a webhook without a secret "
                    "would take updates from anyone. Set TELEGRAM_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -).")
        return None
