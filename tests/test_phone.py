"""The chat on a phone (390×844) in a real browser, as a patient with weak hands would use it: the next question
within reach after a long answer, every target thumb-sized, the question box wide enough for its hint; the words
an answer searched for shown with it; and the whole source numbered as citations count its lines (issues 31, 33)."""

from __future__ import annotations

import re

import pytest

from .test_browser import ARTIFACTS, AXE, ask, box, browser, chat_page, server, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # a live chat server with the real model

PHONE = {"width": 390, "height": 844}
TARGET = 44  # px: WCAG 2.5.5, and what a trembling thumb can hit

# Every control a user can tap, as its target: a radio button's target is its label.
TARGETS = """() => [...document.querySelectorAll('a[href], button, summary, input, textarea, select, [role=button]')]
  .map(e => (e.type === 'radio' || e.type === 'checkbox') && e.closest('label') ? e.closest('label') : e)
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
  .map(e => { const r = e.getBoundingClientRect();
    return {what: e.tagName + ' ' + (e.innerText || e.placeholder || e.value || '').trim().slice(0, 40), w: r.width, h: r.height}; })"""
# Whether a text box's placeholder fits on its one line, measured in the box's own font.
HINT_FITS = """t => { const c = getComputedStyle(t), ctx = document.createElement('canvas').getContext('2d'); ctx.font = c.font;
  return ctx.measureText(t.placeholder).width <= t.clientWidth - parseFloat(c.paddingLeft) - parseFloat(c.paddingRight); }"""


@pytest.fixture
def phone(browser, server):  # noqa: F811 (fixtures imported above)
    with chat_page(browser, server, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        yield page


def within_screen(page, locator) -> bool:
    r = locator.bounding_box()
    return r is not None and r["y"] >= 0 and r["y"] + r["height"] <= page.viewport_size["height"]


def test_on_a_phone_the_question_box_is_within_reach_all_through_a_long_answer(phone):
    ask(phone, "Is strengthening exercise recommended?")  # a long answer: five sources, two sides
    phone.wait_for_timeout(500)  # the scroll to the answer's top
    turn = phone.locator("article.turn").last
    assert turn.bounding_box()["height"] > 2 * PHONE["height"]  # long enough for the box to have been far away
    assert within_screen(phone, turn.locator(".lead")) and within_screen(phone, box(phone)) and within_screen(phone, phone.locator("#ask"))
    lead, question = turn.locator(".lead").bounding_box(), box(phone).bounding_box()
    assert question["y"] >= lead["y"] + lead["height"]  # below the lead, not over it
    for fraction in (0.33, 0.66):  # reading further down the answer, the box stays on the screen
        phone.evaluate(
            "f => { const t = [...document.querySelectorAll('article.turn')].pop(); "
            "window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY + f * t.offsetHeight); }",
            fraction,
        )
        phone.wait_for_timeout(200)
        assert within_screen(phone, box(phone)), fraction
    shot(phone, "phone-box-in-reach")
    box(phone).tap()  # and asking from there works, without scrolling
    box(phone).fill("and how often?")
    phone.locator("#ask").tap()
    phone.wait_for_function("() => document.querySelectorAll('article.turn').length === 2", timeout=60_000)


def test_on_a_phone_every_target_is_thumb_sized_and_the_question_box_shows_its_hint(phone):
    ask(phone, "Is strengthening exercise recommended?")
    turn = phone.locator("article.turn").last
    turn.locator("details.cite summary").first.click()  # an open citation's links count too
    turn.locator("details.refs summary").click()
    small = [t for t in phone.evaluate(TARGETS) if t["w"] < TARGET - 0.5 or t["h"] < TARGET - 0.5]
    assert small == []
    question = box(phone).bounding_box()
    assert question["width"] >= 0.6 * PHONE["width"]  # not half the screen
    assert box(phone).evaluate(HINT_FITS), box(phone).get_attribute("placeholder")  # the hint is read in full, not cut off


def test_an_answer_shows_what_it_searched_for_with_a_respelled_word_named(phone):
    ask(phone, "should I lift weigths?")
    searched = phone.locator("article.turn").last.locator(".searched")
    assert searched.is_visible()
    assert searched.inner_text().startswith("Searched for:")
    assert "weights (you typed ‘weigths’)" in searched.inner_text()


def test_the_whole_source_shows_the_line_numbers_a_citation_names(phone):
    ask(phone, "Should I push through tiredness?")
    cite = phone.locator("article.turn details.cite").first
    cite.locator("summary").click()
    where = cite.locator("dt:text-is('Where') + dd").inner_text()
    first = int(re.search(r"lines? (\d+)", where).group(1))  # "section “…”, lines 174–176"
    href = cite.locator("a.whole[href^='source/']").get_attribute("href")
    source = phone.context.new_page()
    source.goto(phone.url.rstrip("/") + "/" + href)
    line = source.locator(".ln", has=source.locator("#cited"))
    assert line.get_attribute("data-n") == str(first)
    drawn = line.evaluate("e => getComputedStyle(e, '::before').content")
    assert drawn == f'"{first}"'  # the number is drawn beside the line…
    r = line.bounding_box()
    assert 0 <= r["y"] < PHONE["height"] and r["x"] >= 0  # …on the screen the page opens at
    numbers = [int(n) for n in source.locator(".ln").evaluate_all("els => els.slice(0, 5).map(e => e.dataset.n)")]
    assert numbers == [1, 2, 3, 4, 5]  # every line numbered from the first
    assert [t for t in source.evaluate(TARGETS) if t["w"] < TARGET - 0.5 or t["h"] < TARGET - 0.5] == []  # "← Back to the chat"
    source.screenshot(path=str(ARTIFACTS / "phone-whole-source.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_follow_up_can_be_asked_on_its_own_from_the_first_screen_of_its_answer(browser, server, scheme):  # noqa: F811
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme)
    phone = context.new_page()
    try:
        phone.goto(server["url"])
        phone.wait_for_selector("#question textarea, #question input", timeout=30_000)
        asked_on_its_own(phone)
    finally:
        context.close()


def asked_on_its_own(phone) -> None:
    ask(phone, "Should I lift weights?")
    ask(phone, "what about swimming?")
    phone.wait_for_timeout(500)  # the scroll to the answer's top
    follow = phone.locator("article.turn").last
    alone = follow.locator(".alone button")
    assert alone.count() == 1 and within_screen(phone, alone) and alone.inner_text() == "Ask it on its own"
    assert follow.locator(".understood").inner_text().startswith("Understood as: Should I swim?")
    assert phone.locator("article.turn").first.locator(".alone button").is_hidden()  # only the latest answer's
    if AXE.exists():  # the button, the Searched-for line and the sticky box, in this colour scheme
        phone.add_script_tag(path=str(AXE))
        result = phone.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        assert [(v["id"], v["nodes"][0]["target"]) for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    alone.tap()
    phone.wait_for_function("() => document.querySelectorAll('article.turn').length === 3", timeout=60_000)
    again = phone.locator("article.turn").last
    assert "what about swimming?" in again.locator(".question").inner_text() and again.locator(".understood").count() == 0
