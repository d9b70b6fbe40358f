"""Password protection, exposure warnings and the refused Gradio routes (ui/access.py), down to a real server."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import httpx
import pytest

from assistant.errors import ConfigError
from assistant.ui.access import ENV_AUTH, ENV_AUTH_FILE, credentials_from_env, is_loopback, parse_accounts

from .chatserver import ask, running_chat

pytestmark = pytest.mark.slow  # a live chat server with the real model

# Test-only credentials, made up on each run.
PASSWORD = secrets.token_urlsafe(12)


@pytest.mark.parametrize(
    "lines, accounts",
    [
        (["ann:correct horse"], [("ann", "correct horse")]),
        (["ann:pass:with:colons"], [("ann", "pass:with:colons")]),
        (["# clinic staff", "", "ann:aaaaaaaa", "  bob:bbbbbbbb  "], [("ann", "aaaaaaaa"), ("bob", "bbbbbbbb")]),
    ],
    ids=["one", "colons-in-password", "file-with-comments"],
)
def test_accounts_are_read(lines, accounts):
    assert parse_accounts(lines, ENV_AUTH_FILE) == accounts


@pytest.mark.parametrize(
    "lines, message",
    [
        (["no-colon-here"], "expected user:password"),
        ([":aaaaaaaa"], "expected user:password"),
        (["ann smith:aaaaaaaa"], "expected user:password"),
        (["ann:pw1234"], "shorter than 8"),
        (["ann:aaaaaaaa", "ann:bbbbbbbb"], "appears twice"),
        (["# only a comment", ""], "no user:password account"),
    ],
    ids=["no-colon", "no-user", "space-in-user", "short-password", "duplicate-user", "empty"],
)
def test_malformed_accounts_are_refused_without_echoing_a_password(lines, message):
    with pytest.raises(ConfigError, match=message) as caught:
        parse_accounts(lines, ENV_AUTH)
    for line in lines:
        password = line.partition(":")[2]
        assert not password or password not in str(caught.value)


def test_credentials_come_from_the_environment_or_a_file(tmp_path):
    path = tmp_path / "accounts"
    path.write_text("ann:aaaaaaaa\n")
    assert credentials_from_env({}) is None
    assert credentials_from_env({ENV_AUTH: "bob:bbbbbbbb"}) == [("bob", "bbbbbbbb")]
    assert credentials_from_env({ENV_AUTH_FILE: str(path)}) == [("ann", "aaaaaaaa")]
    with pytest.raises(ConfigError, match="not both"):
        credentials_from_env({ENV_AUTH: "bob:bbbbbbbb", ENV_AUTH_FILE: str(path)})
    with pytest.raises(ConfigError, match="cannot read"):
        credentials_from_env({ENV_AUTH_FILE: str(tmp_path / "missing")})


@pytest.mark.parametrize(
    "host, local",
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.1.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
    ],
)
def test_loopback_hosts(host, local):
    assert is_loopback(host) is local


def _chat_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in (ENV_AUTH, ENV_AUTH_FILE)}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "chat", *args], env={**full, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "env, message",
    [
        ({ENV_AUTH: "ann"}, "expected user:password"),
        ({ENV_AUTH: "ann:pw1234"}, "shorter than 8"),
        ({ENV_AUTH_FILE: "/nonexistent/accounts"}, "cannot read"),
    ],
    ids=["no-colon", "short-password", "missing-file"],
)
def test_chat_refuses_malformed_credentials_with_a_clear_message(tmp_path, env, message):
    result = _chat_cli("--index", str(tmp_path / "index"), env=env)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "pw1234" not in result.stderr


@pytest.mark.parametrize(
    "env, warnings",
    [
        ({}, ["reachable from other machines", "no password is set"]),
        ({ENV_AUTH: f"ann:{PASSWORD}"}, ["reachable from other machines"]),
    ],
    ids=["no-password", "password"],
)
def test_chat_on_a_network_address_warns_and_says_when_no_password_is_set(tmp_path, env, warnings):
    # A missing corpus stops the command before it listens: the warnings come first.
    result = _chat_cli("--host", "0.0.0.0", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "index"), env=env)
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert [w for w in ("reachable from other machines", "no password is set") if w in result.stderr] == warnings
    assert PASSWORD not in result.stderr + result.stdout


@pytest.fixture(scope="module")
def locked(real_assistant):
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index, env={ENV_AUTH: f"ann:{PASSWORD}"}) as chat:
        sentence = next(s for s in real_assistant.index.sentences if s.evidence)
        yield chat, sentence


def test_locked_chat_says_so_and_never_prints_the_password(locked):
    chat, _ = locked
    assert "password protected" in chat.output[-1]
    assert PASSWORD not in "".join(chat.output)


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/config"),
        ("GET", "/gradio_api/info"),
        ("POST", "/gradio_api/call/respond"),
        ("POST", "/gradio_api/queue/join"),
        ("GET", "/source/{id}"),
        ("GET", "/page/{id}"),
        ("GET", "/pageimage/{id}"),
    ],
    ids=["config", "api-info", "api-call", "queue-join", "whole-source", "printed-page", "page-image"],
)
def test_locked_chat_refuses_everything_without_signing_in(locked, method, path):
    chat, sentence = locked
    with httpx.Client(base_url=chat.url, timeout=30) as client:
        r = client.request(
            method, path.format(id=sentence.id), json={"data": ["Can I swim?", "patient"], "fn_index": 0, "session_hash": "x"}
        )
    assert r.status_code == 401
    assert sentence.text[:40] not in r.text


def test_locked_chat_shows_its_own_sign_in_page_and_nothing_of_the_api(locked):
    chat, _ = locked
    with httpx.Client(base_url=chat.url, timeout=30) as client:
        page = client.get("/")
    assert page.status_code == 200 and "<title>Sign in" in page.text and "<main>" in page.text
    assert "gradio_api_info" not in page.text and "respond" not in page.text


def test_locked_chat_works_after_signing_in_and_only_with_the_right_password(locked):
    chat, sentence = locked
    with httpx.Client(base_url=chat.url, timeout=60) as client:
        assert client.post("/login", data={"username": "ann", "password": PASSWORD + "x"}).status_code == 400
        assert client.get(f"/source/{sentence.id}").status_code == 401
        assert client.get("/healthz").json()["ok"] is True  # open for a proxy's health check
        assert client.post("/login", data={"username": "ann", "password": PASSWORD}).status_code == 200
        page = client.get(f"/source/{sentence.id}")
        assert page.status_code == 200 and 'id="cited"' in page.text
        assert 'class="turn"' in ask(client, "Can I swim?")
