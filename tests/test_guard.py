"""HTTP hardening: headers, body cap and sign-in limit, on a small app and on the real chat over HTTP."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.ui.access import ENV_AUTH
from assistant.ui.guard import CSP, LOGIN_ATTEMPTS, MAX_BODY, Harden, LoginLimit

from .chatserver import running_chat

pytestmark = pytest.mark.slow  # a live chat server with the real model

PASSWORD = "correct horse battery"
SECRET = "zebrafinch-question-marker"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_login_limit_counts_failures_in_a_window_and_a_success_clears_them():
    clock = Clock()
    limit = LoginLimit(attempts=3, window=60, clock=clock)
    for _ in range(3):
        assert limit.wait("a") == 0
        limit.failed("a")
    assert 0 < limit.wait("a") <= 60
    assert limit.wait("b") == 0  # per address
    clock.now += 61
    assert limit.wait("a") == 0
    limit.failed("a"), limit.failed("a"), limit.succeeded("a"), limit.failed("a")
    assert limit.wait("a") == 0


async def _login(request: Request) -> PlainTextResponse:
    form = (await request.body()).decode()
    return PlainTextResponse("ok") if "password=right" in form else PlainTextResponse("no", status_code=400)


@pytest.fixture
def small():
    app = Starlette(
        routes=[
            Route("/", lambda r: PlainTextResponse("hello")),
            Route("/login", _login, methods=["POST"]),
            Route("/echo", lambda r: PlainTextResponse("got it"), methods=["POST"]),
        ]
    )
    return TestClient(Harden(app, limit=LoginLimit(clock=Clock())))


def test_every_response_carries_the_headers(small):
    r = small.get("/")
    assert r.headers["content-security-policy"] == CSP and "frame-ancestors 'none'" in CSP
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert small.get("/missing").headers["x-frame-options"] == "DENY"


def test_a_failure_inside_becomes_a_clean_refusal():
    async def broken(scope, receive, send):
        raise ValueError(f"cannot use {SECRET}")

    async def five_hundred(scope, receive, send):
        await send({"type": "http.response.start", "status": 500, "headers": []})
        await send({"type": "http.response.body", "body": f"Traceback ... {SECRET}".encode()})

    for app in (broken, five_hundred):
        r = TestClient(Harden(app), raise_server_exceptions=False).get("/")
        assert r.status_code == 400 and SECRET not in r.text and r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("size, status", [(100, 200), (MAX_BODY, 200), (MAX_BODY + 1, 413), (10_000_000, 413)])
def test_bodies_over_the_cap_are_refused_before_they_are_read(small, size, status):
    r = small.post("/echo", content=b"x" * size)
    assert r.status_code == status
    if status == 413:
        assert "too large" in r.text and len(r.text) < 200
        assert r.headers["connection"] == "close"  # the unread rest of the body must not hold the connection


def test_wrong_passwords_are_limited(small):
    for _ in range(LOGIN_ATTEMPTS):
        assert small.post("/login", data={"password": "wrong"}).status_code == 400
    blocked = small.post("/login", data={"password": "right"})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1


@pytest.fixture(scope="module")
def chat(real_assistant):
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index) as c:
        yield c


def _ask_everywhere(client: httpx.Client, question: str) -> dict[str, int]:
    statuses = {}
    r = client.post("/gradio_api/call/respond", json={"data": [question, "patient"]})
    statuses["call"] = r.status_code
    if r.status_code == 200:
        statuses["call-stream"] = client.get(f"/gradio_api/call/respond/{r.json()['event_id']}").status_code
    statuses["run"] = client.post("/gradio_api/run/respond", json={"data": [question, "patient"]}).status_code
    statuses["join"] = client.post(
        "/gradio_api/queue/join", json={"data": [question, "patient", None], "fn_index": 0, "session_hash": "guardtest"}
    ).status_code
    statuses["join-wrong-shape"] = client.post("/gradio_api/queue/join", json={"data": question}).status_code
    statuses["api-predict"] = client.post("/gradio_api/api/predict", json={"data": [question]}).status_code
    for n in range(len(client.get("/config").json()["dependencies"])):  # every event, called by number unqueued
        r = client.post("/gradio_api/run/predict", json={"data": [question, "patient"], "fn_index": n, "session_hash": "g"})
        statuses[f"run-predict-{n}"] = r.status_code
        assert "Traceback" not in r.text and "Error" not in r.text[:200] or r.status_code == 200
    return statuses


@pytest.mark.parametrize(
    "path, status",
    [
        ("/openapi.json", 404),
        ("/docs", 404),
        ("/redoc", 404),
        ("/gradio_api/openapi.json", 404),
        ("/gradio_api/docs", 404),
        ("/", 200),
        ("/config", 200),
        ("/gradio_api/info", 200),
        ("/healthz", 200),
    ],
)
def test_routes_over_http(chat, path, status):
    r = httpx.get(chat.url + path, timeout=30)
    assert r.status_code == status
    assert r.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_no_route_fails_with_a_500_and_no_question_reaches_the_log(chat):
    before = len(chat.output)
    with httpx.Client(base_url=chat.url, timeout=60) as client:
        statuses = _ask_everywhere(client, f"Is {SECRET} swimming ok?")
        statuses.update({f"long-{k}": v for k, v in _ask_everywhere(client, SECRET + " x" * 5000).items()})
        try:
            huge = client.post("/gradio_api/call/respond", content=json.dumps({"data": [SECRET * 400_000, "patient"]})).status_code
        except httpx.RemoteProtocolError:
            # The server answers 413 and closes while a client is still sending its 12 MB; a client that is
            # still writing then finds the connection closed before it reads the 413 (seen once in a full run).
            huge = "closed"
    assert huge in (413, "closed")
    assert all(s < 500 for s in statuses.values()), statuses
    assert statuses["run"] == 404 and statuses["call"] == 200 and statuses["api-predict"] == 400
    # The server writes only to its captured stdout/stderr: nothing of the questions may be there.
    assert SECRET not in "".join(chat.output[before:])


def test_a_refused_question_is_echoed_only_in_part_and_not_kept(chat):
    with httpx.Client(base_url=chat.url, timeout=60) as client:
        r = client.post("/gradio_api/call/respond", json={"data": [SECRET + " y" * 3000, "patient"]})
        stream = client.get(f"/gradio_api/call/respond/{r.json()['event_id']}").text
    assert "Please try again" in stream and "6,026 characters" in stream
    assert len(stream) < 3000 and stream.count(" y") < 100


@pytest.fixture(scope="module")
def locked_chat(real_assistant):
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index, env={ENV_AUTH: f"ann:{PASSWORD}"}) as c:
        yield c


def test_password_guessing_is_limited_on_the_real_chat(locked_chat):
    with httpx.Client(base_url=locked_chat.url, timeout=30) as client:
        codes = [client.post("/login", data={"username": "ann", "password": f"guess{i}xyz"}).status_code for i in range(LOGIN_ATTEMPTS + 3)]
        right = client.post("/login", data={"username": "ann", "password": PASSWORD})
    assert codes[:LOGIN_ATTEMPTS] == [400] * LOGIN_ATTEMPTS and set(codes[LOGIN_ATTEMPTS:]) == {429}
    assert right.status_code == 429  # even the right password waits out the window
    assert PASSWORD not in "".join(locked_chat.output)
