"""Who may reach what: accounts for password protection from the environment, the Gradio routes this
app never uses (refused), and the sign-in check for the app's own pages outside Gradio.

Credentials come only from the environment or a file named there, never from code or the command
line (where other users of the machine could read them in the process list).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

ENV_AUTH = "ASSISTANT_AUTH"  # one account, "user:password"
ENV_AUTH_FILE = "ASSISTANT_AUTH_FILE"  # a file of "user:password" lines
MIN_PASSWORD = 8
LOOPBACK = ("127.0.0.1", "localhost", "::1")

# Gradio serves files (from its temp and cache folders, shared by every Gradio app on the machine), takes
# uploads, fetches URLs for the caller, and has monitoring, run-history and editor pages. This app uses
# none of them, so they are refused before Gradio sees the request, whatever Gradio's own checks say. The page
# asks through the queue, and loads an example through /run/predict; the named /run/<api name> routes are refused
# (called with the inputs /gradio_api/info lists, /run/respond failed with a 500 and printed the question in a
# traceback), as are the API descriptions (/openapi.json, /docs), which list every route to anyone.
UNUSED_ROUTES = re.compile(
    r"(?:^|/gradio_api)/(?:file[=/]|upload|proxy=|stream/|process_recording|monitoring|run-history|runs\b|run/(?!predict\b)"
    r"|vibe-|undo-vibe|profiling/|dev/|mcp|openapi\.json|docs\b|redoc\b)"
)


def credentials_from_env(env: Mapping[str, str] | None = None) -> list[tuple[str, str]] | None:
    """The accounts from ASSISTANT_AUTH or ASSISTANT_AUTH_FILE; None when neither is set."""
    env = os.environ if env is None else env
    inline, path = env.get(ENV_AUTH, "").strip(), env.get(ENV_AUTH_FILE, "").strip()
    if inline and path:
        raise ConfigError(f"set either {ENV_AUTH} or {ENV_AUTH_FILE}, not both")
    if inline:
        return parse_accounts([inline], ENV_AUTH)
    if path:
        try:
            lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{ENV_AUTH_FILE}: cannot read {path} ({getattr(exc, 'strerror', None) or exc})") from None
        return parse_accounts(lines, f"{ENV_AUTH_FILE} ({path})")
    return None


def parse_accounts(lines: Iterable[str], origin: str) -> list[tuple[str, str]]:
    """`user:password` lines (blank and # lines skipped) → accounts; messages never repeat a password."""
    accounts: dict[str, str] = {}
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = origin if origin == ENV_AUTH else f"{origin}, line {n}"
        user, sep, password = line.partition(":")
        user = user.strip()
        if not sep or not user or re.search(r"\s", user):
            raise ConfigError(f"{where}: expected user:password (a user name without spaces, a colon, then the password)")
        if len(password) < MIN_PASSWORD:
            raise ConfigError(f"{where}: the password for {user!r} is shorter than {MIN_PASSWORD} characters")
        if user in accounts:
            raise ConfigError(f"{where}: user {user!r} appears twice")
        accounts[user] = password
    if not accounts:
        raise ConfigError(f"{origin}: no user:password account found")
    return list(accounts.items())


def is_loopback(host: str) -> bool:
    """Whether listening on host keeps the chat on this machine."""
    return host in LOOPBACK or host.startswith("127.")


class RefuseUnusedRoutes:
    """ASGI middleware: 404 for the Gradio routes in UNUSED_ROUTES."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and UNUSED_ROUTES.search(re.sub(r"/+", "/", scope.get("path", "")).lower()):
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("Not found.", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def signed_in(request: Any, gradio_app: Any) -> bool:
    """Whether the request carries a live Gradio sign-in (fails closed if Gradio keeps sessions elsewhere)."""
    cookie_id, tokens = getattr(gradio_app, "cookie_id", None), getattr(gradio_app, "tokens", None)
    if not isinstance(cookie_id, str) or not isinstance(tokens, dict):
        return False
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(f"access-token-unsecure-{cookie_id}")
    return token is not None and token in tokens
