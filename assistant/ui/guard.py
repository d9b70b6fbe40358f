"""HTTP hardening in front of the chat: security headers, a cap on request bodies, and a limit on sign-in attempts.

One ASGI middleware, outermost, so that nothing reaches Gradio before these checks:

- every response says how the page may be used: no framing by other sites, scripts and styles only
  from this server (Gradio's page needs its inline bootstrap script, inline styles and eval), no plug-ins,
  nothing sniffed, no referrer sent elsewhere;
- a request body larger than `MAX_BODY` is refused with 413 before it is read: a question is at most a
  few thousand characters, and a 10-million-character one must not cost the server anything;
- a request Gradio cannot process (a 500, or an unhandled error) is refused with 400 and a plain message,
  never its error details;
- wrong passwords from one address are limited to `LOGIN_ATTEMPTS` per `LOGIN_WINDOW` seconds (429 with
  Retry-After); a right one clears the count. The limit is per process and in memory, like the sessions.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

# A question of 2,000 characters, each up to 4 bytes of UTF-8 and escaped in JSON (up to 6 bytes for \uXXXX),
# plus Gradio's envelope (session hash, event data): 64 KiB leaves room and refuses anything absurd.
MAX_BODY = 64 * 1024
LOGIN_ATTEMPTS = 5
LOGIN_WINDOW = 60.0
# Gradio 6 evaluates its HTML components' templates as code (`new Function`): without 'unsafe-eval' the page shows
# no answer at all (tried in Chromium). What the policy still holds: nothing loads or connects anywhere but this
# server, no plug-ins, no <base> rewrites, no framing.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_LOGIN_PATHS = ("/login", "/login/")
CANNOT = "This request could not be answered: check its form against /gradio_api/info."


class LoginLimit:
    """Failed sign-ins per client address within a sliding window."""

    def __init__(self, attempts: int = LOGIN_ATTEMPTS, window: float = LOGIN_WINDOW, clock: Any = time.monotonic) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self.failures: dict[str, deque[float]] = {}

    def wait(self, client: str) -> float:
        """Seconds until this client may try again (0 when it may try now)."""
        recent = self._recent(client)
        return 0.0 if len(recent) < self.attempts else max(0.0, recent[0] + self.window - self.clock())

    def failed(self, client: str) -> None:
        self._recent(client).append(self.clock())

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        recent = self.failures.setdefault(client, deque())
        while recent and recent[0] <= self.clock() - self.window:
            recent.popleft()
        if len(self.failures) > 10_000:  # bounded: forget the oldest addresses first
            self.failures.pop(next(iter(self.failures)))
        return recent


class Harden:
    """ASGI middleware: the headers above on every HTTP response, bodies capped, sign-in attempts limited."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, limit: LoginLimit | None = None) -> None:
        self.app, self.max_body, self.limit = app, max_body, limit or LoginLimit()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *((k, v) for k, v in HEADERS if k not in names)]
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            # "Connection: close": the rest of the body is never read, so the connection cannot be reused; a client
            # still sending would otherwise wait on a socket nobody reads.
            await _plain(
                send_with_headers, 413, f"The request is too large (the limit is {self.max_body // 1024} KiB).", [(b"connection", b"close")]
            )
            return
        client = (scope.get("client") or ("?", 0))[0]
        login = scope.get("method") == "POST" and scope.get("path") in _LOGIN_PATHS
        if login and (wait := self.limit.wait(client)):
            await _plain(
                send_with_headers,
                429,
                "Too many wrong passwords: please wait a minute and try again.",
                [(b"retry-after", str(int(wait) + 1).encode())],
            )
            return
        received = 0

        async def capped_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # a body sent without a length: stop reading it
                    return {"type": "http.disconnect"}
            return message

        started = replaced = False

        async def observed_send(message: dict) -> None:
            nonlocal started, replaced
            if message["type"] == "http.response.start":
                started = True
                if login:
                    (self.limit.succeeded if message["status"] < 400 else self.limit.failed)(client)
                if message["status"] >= 500:  # Gradio answers malformed API calls with a 500: refuse them cleanly
                    replaced = True
                    await _plain(send_with_headers, 400, CANNOT)
                    return
            elif replaced:
                return  # the failed response's own body (its error details) is never sent
            await send_with_headers(message)

        try:
            await self.app(scope, capped_receive, observed_send)
        except Exception as exc:  # noqa: BLE001 - an unhandled error: refused, and logged without its details
            if started:
                raise
            _notice(exc)
            await _plain(send_with_headers, 400, CANNOT)


def _notice(exc: BaseException | None) -> None:
    import sys

    kind = type(exc).__name__ if exc is not None else "unknown error"
    print(f"A request failed ({kind}); its details are not logged because they may contain a question.", file=sys.stderr, flush=True)


class _QuietTraceback:
    """Stands in for the `traceback` module inside Gradio's request handling, whose `print_exc()` would write the
    failing request's inputs (a patient's question, in exception messages) to the server's error output."""

    @staticmethod
    def print_exc(*_: Any, **__: Any) -> None:
        import sys

        _notice(sys.exc_info()[1])

    def __getattr__(self, name: str) -> Any:
        import traceback

        return getattr(traceback, name)


def quiet_gradio_tracebacks() -> None:
    """No question text in any log: Gradio's handlers print tracebacks with their inputs; print a one-line notice."""
    import gradio.queueing
    import gradio.routes

    for module in (gradio.queueing, gradio.routes):
        module.traceback = _QuietTraceback()  # type: ignore[attr-defined]


async def _plain(send: Any, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
