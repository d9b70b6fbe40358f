"""The chat in a real browser (the `chromium` on PATH, Debian's package in CI, driven by Playwright), as a user would use it."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from assistant.read.clean import normalise

from .chatserver import running_chat
from .conftest import ROOT

pytestmark = pytest.mark.slow  # a live chat server with the real model

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"

if not Path(CHROMIUM).exists():
    if IN_CI:
        raise RuntimeError("CI=true but no chromium: the browser tests must run in CI (make test installs it with apt-get)")
    pytest.skip(
        "BROWSER TESTS SKIPPED: no chromium on this machine (install Debian's `chromium`, or run `make test` as root)",
        allow_module_level=True,
    )

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(real_assistant):
    """`assistant chat` on a free port, on the index the other tests built."""
    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index, timeout=120) as chat:
        yield {"url": chat.url + "/", "started": time.monotonic()}


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@contextlib.contextmanager
def chat_page(browser, server, **context_options):
    """The chat opened in a new browser context (`context_options`: viewport, is_mobile, …), ready for a question;
    on leaving, the page must not have reached anything but the server itself."""
    context = browser.new_context(**context_options)
    pg = context.new_page()
    pg.outside = []
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else pg.outside.append(r.url))
    pg.goto(server["url"])
    pg.wait_for_selector("#question textarea, #question input", timeout=30_000)
    try:
        yield pg
    finally:
        context.close()
    assert pg.outside == [], f"the page reached outside: {pg.outside}"


@pytest.fixture
def page(browser, server):
    with chat_page(browser, server, viewport={"width": 1100, "height": 1000}) as pg:
        yield pg


def box(page):
    return page.locator("#question textarea, #question input").first


def ask(page, question: str) -> None:
    turns = page.locator("article.turn").count()
    box(page).fill(question)
    box(page).press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('article.turn').length > {turns}", timeout=60_000)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_page_is_usable_soon_after_the_address_is_printed(browser, server):
    pg = browser.new_page()
    try:
        pg.goto(server["url"])
        pg.wait_for_selector("#question textarea, #question input", timeout=30_000)
        assert "does not replace your care team" in pg.inner_text("#care-team-notice")
        pg.wait_for_selector("text=Example questions", timeout=10_000)
        pg.get_by_text("Will stretching help with cramps?").first.click()  # an example asks at once
        pg.wait_for_selector("article.turn .lead", timeout=60_000)
        assert "stretching" in pg.locator("article.turn .question").last.inner_text().lower()
        shot(pg, "0-first-visit")
    finally:
        pg.close()


def test_disagreement_question_shows_verdict_quotes_and_numbers(page):
    ask(page, "Is strengthening exercise recommended?")
    turn = page.locator("article.turn").last
    assert turn.locator(".badge-disagree").inner_text().strip().endswith("Sources disagree")
    assert turn.locator(".lead").inner_text().startswith("Sources disagree on “")
    assert turn.locator("h3", has_text="Says no").count() == 1
    numbers = [t.strip() for t in turn.locator("details.cite .num").all_inner_texts()]
    assert numbers == [f"[{i}]" for i in range(1, len(numbers) + 1)] and len(numbers) >= 3
    assert "Are not recommended." in turn.inner_text()
    shot(page, "1-disagreement")


def test_paraphrased_question_is_answered_and_conversation_stays(page):
    ask(page, "how many times a week should i get on the exercise bike")
    ask(page, "What is the capital of France?")
    turns = page.locator("article.turn")
    assert turns.count() == 2
    first, second = turns.nth(0), turns.nth(1)
    assert first.locator("details.cite").count() >= 2
    assert re.search(r"(3|three) times (a|per) week", first.inner_text())
    assert second.locator(".badge-none").inner_text() == "Not covered by the sources"
    assert second.locator("details.cite").count() == 0


def test_a_citation_opens_to_its_passage_and_the_whole_source(page, browser):
    ask(page, "Should I push through tiredness?")
    cite = page.locator("article.turn details.cite").first
    quote = cite.locator(".quote").inner_text().strip("“”")
    cite.locator("summary").click()
    body = cite.locator(".cite-body")
    assert body.is_visible()
    assert body.locator("mark.cited").inner_text() == quote  # the highlighted text is exactly the cited sentence
    for label in ("Source", "Kind", "Date", "Where"):
        assert body.locator("dt", has_text=label).count() == 1
    href = body.locator("a.whole").get_attribute("href")
    shot(page, "2-citation-open")
    source = browser.new_page(viewport={"width": 1100, "height": 900})
    source.goto(page.url.rstrip("/") + "/" + href)
    mark = source.locator("#cited")
    assert normalise(" ".join(source.locator("mark.cited").all_inner_texts()), markdown=True) == quote
    box_ = mark.bounding_box()
    assert box_ is not None and 0 <= box_["y"] < 900  # scrolled into view
    source.screenshot(path=str(ARTIFACTS / "3-whole-source.png"))
    source.close()


def test_back_from_the_whole_source_returns_to_the_same_conversation(page):
    ask(page, "Should I push through tiredness?")
    cite = page.locator("article.turn details.cite").first
    cite.locator("summary").click()
    with page.context.expect_page() as opened:
        cite.locator("a.whole").click()
    source = opened.value
    source.wait_for_selector("#cited")
    with source.expect_event("close", timeout=5_000):  # the tab it opened in closes; the chat's own tab was never left
        try:
            source.locator("#back").click(no_wait_after=True)
        except playwright.Error:  # closed before the click was confirmed (seen once in a full run): what is wanted
            pass
    assert page.locator("article.turn").count() == 1 and "tiredness" in page.locator("article.turn .question").inner_text()


def test_keyboard_only_flow(page):
    page.keyboard.press("Tab") if not box(page).evaluate("el => el === document.activeElement") else None
    box(page).focus()
    page.keyboard.type("Can I swim?")
    page.keyboard.press("Enter")
    page.wait_for_selector("article.turn details.cite", timeout=60_000)
    # Focus lands on the new answer's lead, and the next Tab is that answer's first quote.
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('lead')", timeout=10_000)
    assert page.evaluate("document.activeElement.closest('article.turn') === [...document.querySelectorAll('article.turn')].pop()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("document.activeElement.parentElement.classList.contains('cite')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    shot(page, "4-keyboard-citation-open")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is False


def test_controls_are_labelled_and_text_is_large_enough(page):
    ask(page, "Should I lift weights?")
    assert page.get_by_label("Your question").count() >= 1
    sizes = page.evaluate("""() => [...document.querySelectorAll('article.turn p, article.turn summary, article.turn li, #care-team-notice')]
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 16


@pytest.mark.skipif(not AXE.exists() and not IN_CI, reason="AXE SCAN SKIPPED: axe-core not installed (make test installs it with npm)")
@pytest.mark.parametrize("scheme, viewport", [("light", (1280, 900)), ("dark", (1280, 900)), ("light", (390, 844)), ("dark", (390, 844))])
def test_axe_finds_no_serious_or_critical_violations(browser, server, scheme, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(server["url"])
        page.wait_for_selector("#question textarea, #question input", timeout=30_000)
        assert page.evaluate("document.body.classList.contains('dark')") is (scheme == "dark")
        ask(page, "Is strengthening exercise recommended?")
        page.locator("article.turn details.cite summary").first.click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        shot(page, f"axe-{scheme}-{viewport[0]}")
        assert bad == []
    finally:
        context.close()


def test_injection_shows_as_text_and_nothing_runs(page):
    evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> **bold** [link](http://example.com)'
    ask(page, evil)
    turn = page.locator("article.turn").last
    assert evil in turn.locator(".question").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert turn.locator("img, script, a[href='http://example.com']").count() == 0
    # the website page's raw HTML links never become links in a quote or its context
    ask(page, "What articles does the exercises page link to?")
    assert page.locator("article.turn .context a, article.turn .quote a").count() == 0
    shot(page, "5-injection")


def test_answer_can_be_shared_as_markdown(page):
    ask(page, "Will stretching help with cramps?")
    link = page.locator("article.turn .share a").last
    assert link.get_attribute("download").endswith(".md")
    assert link.get_attribute("href").startswith("data:text/markdown")
    page.locator("#share").click()
    text = page.locator("#markdown textarea").input_value()
    assert text.startswith("## Will stretching help with cramps?") and "[1]" in text and "References" in text


def test_a_new_conversation_can_be_undone(page):
    ask(page, "Can I swim?")
    page.locator("#clear").click()
    try:
        page.wait_for_function("() => document.querySelectorAll('article.turn').length === 0", timeout=20_000)
    finally:
        shot(page, "6-new-conversation")
    page.locator("#undo").click()
    page.wait_for_selector("article.turn", timeout=10_000)
    assert "swim" in page.locator("article.turn .question").inner_text().lower()
    assert not page.locator("#undo").is_visible()


def test_a_paste_over_the_limit_says_how_much_was_kept(page):
    page.evaluate("""() => {
        const box = document.querySelector('#question textarea, #question input');
        const data = new DataTransfer();
        data.setData('text/plain', 'x'.repeat(100000));
        box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""")
    note = page.locator("#paste-note").inner_text()
    assert "100,000 characters" in note and "first 2,000 were kept" in note


def first_screen(page) -> None:
    """On a phone, once an answer has arrived and taken the focus, its lead and first quote are on the screen."""
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('lead')", timeout=10_000)
    page.wait_for_timeout(300)  # the scroll into view
    turn = page.locator("article.turn").last
    lead, quote = turn.locator(".lead").bounding_box(), turn.locator("details.cite").first.bounding_box()
    height = page.viewport_size["height"]
    assert lead["y"] >= 0 and quote["y"] + quote["height"] <= height, (lead, quote)


def test_a_follow_up_inherits_its_subject_on_a_phone_and_can_be_asked_on_its_own(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(server["url"])
        page.wait_for_selector("#question textarea, #question input", timeout=30_000)
        ask(page, "Is stretching harmful?")
        first_screen(page)
        ask(page, "and how often?")  # no subject of its own: stretching, from the question before
        first_screen(page)
        follow = page.locator("article.turn").last
        assert follow.locator(".understood").inner_text().startswith("Understood as: how often — stretching")
        assert follow.locator(".side-for, .side-against, .side-mixed").count() == 0  # facts, no sides
        shot(page, "7-follow-up-390")
        written = page.locator("#as-written")
        assert "and how often?" in written.inner_text()
        ask(page, "Should I lift weights?")  # a subject of its own: read alone
        alone = page.locator("article.turn").last
        assert alone.locator(".understood").count() == 0 and "lift weights" in alone.locator(".lead").inner_text()
        assert not written.is_visible()
        ask(page, "what about yoga?")
        assert page.locator("article.turn .understood").last.inner_text().startswith("Understood as: Should I do yoga?")
        turns = page.locator("article.turn").count()
        written.click()  # asked again as typed, on its own
        page.wait_for_function(f"() => document.querySelectorAll('article.turn').length > {turns}", timeout=60_000)
        assert page.locator("article.turn").last.locator(".understood").count() == 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def locked_server(real_assistant):
    from assistant.ui.access import ENV_AUTH

    settings = real_assistant.settings
    with running_chat(settings.corpus, settings.index, env={ENV_AUTH: "ann:a-long-test-password"}, timeout=120) as chat:
        yield chat.url + "/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sign_in_page_is_titled_has_landmarks_and_is_axe_clean(browser, locked_server, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(locked_server)
        page.wait_for_selector("input[type=password]", timeout=30_000)
        assert page.title().startswith("Sign in") and page.locator("main h1").count() == 1
        assert page.locator("label[for=username]").count() == page.locator("label[for=password]").count() == 1
        if AXE.exists() or IN_CI:
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            assert [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
        shot(page, f"9-sign-in-{scheme}")
    finally:
        context.close()


def test_signing_in_from_the_keyboard_says_when_the_password_is_wrong_and_then_opens_the_chat(browser, locked_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(locked_server)
        page.wait_for_selector("input[type=password]", timeout=30_000)
        page.keyboard.type("ann")  # the username field has the focus
        page.keyboard.press("Tab")
        page.keyboard.type("not-the-password")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.getElementById('message').textContent.length > 0", timeout=10_000)
        assert "not right" in page.inner_text("#message")
        page.fill("#password", "a-long-test-password")
        page.keyboard.press("Enter")
        page.wait_for_selector("#question textarea, #question input", timeout=30_000)
        ask(page, "Can I swim?")
        assert page.locator("article.turn .lead").count() == 1
    finally:
        context.close()
