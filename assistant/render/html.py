"""Answer → HTML for the chat, the whole-source page, and Markdown to share. Every text is escaped.

Source text and questions are untrusted (the website page contains raw HTML; a question may
contain `<script>`): nothing here is ever inserted unescaped, and `$ { }` are escaped too because
Gradio's HTML component treats its value as a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote as urlquote

from assistant.index.loaded import Index
from assistant.judge.verdict import weight
from assistant.records import NOT_STATED, Document
from assistant.render.markdown import to_markdown
from assistant.render.pdfpage import Located
from assistant.render.text import sides
from assistant.results import Answer, Citation, Reading, SourceStance

CONTEXT_SENTENCES = 2
STATIC = Path(__file__).parent / "static"
SOURCE_CSS = (STATIC / "source.css").read_text(encoding="utf-8")  # the whole-source page
PAGE_CSS = (STATIC / "page.css").read_text(encoding="utf-8")  # the printed-page view, on top of it


def esc(text: str) -> str:
    """HTML-escape, including the characters template engines treat as syntax."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("$", "&#36;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("`", "&#96;")
    )


def answer_html(index: Index, answer: Answer, turn: int) -> str:
    """One conversation turn: the question, the verdict, each side's quotes (each opens), references."""
    parts = [
        f'<article class="turn" id="turn-{turn}" aria-labelledby="q-{turn}">',
        f'<h2 class="question" id="q-{turn}"><span class="who">You asked:</span> {esc(answer.question)}</h2>',
    ]
    if answer.understood_as:
        parts.append(f'<p class="understood">{esc(answer.understood_as.note())}</p>{_alone(answer)}')
    if not answer.answered:
        parts.append(f'<p class="badge badge-none">Not covered by the sources</p><p class="lead">{esc(answer.lead)}</p>')
        parts.append(_searched(answer))
        parts.append(f'<p class="notice">{esc(answer.notice)}</p></article>')
        return "".join(parts)
    if answer.disagreement:
        parts.append('<p class="badge badge-disagree"><span aria-hidden="true">⚖ </span>Sources disagree</p>')
    parts.append(f'<p class="lead">{esc(answer.lead)}</p>')
    parts.append(_searched(answer))
    for group in sides(answer):
        parts.append(f'<section class="side side-{group.side}"><h3>{esc(group.heading)}</h3>')
        parts.extend(_source_block(index, s, cites, turn) for s, cites in group.sources)
        parts.append("</section>")
    if answer.caveats:
        parts.append(f'<p class="caveats">Conditions several sources attach: {esc(", ".join(answer.caveats))}.</p>')
    parts.append(_references(answer.citations))
    parts.append(_share_link(answer, turn))
    parts.append(f'<p class="notice">{esc(answer.notice)}</p></article>')
    return "".join(parts)


def _alone(answer: Answer) -> str:
    """Under "Understood as": presses the page's "Ask … on its own" button, far below a long answer on a phone (chat.js)."""
    written = answer.understood_as is not None and answer.understood_as.reading in (Reading.UNNEGATED, Reading.INSTEAD)
    return f'<p class="alone"><button type="button">{"Answer it as written" if written else "Ask it on its own"}</button></p>'


def _searched(answer: Answer) -> str:
    """The key terms as searched, each as the answer gives it ("weights (you typed ‘weigths’)"): what was looked for."""
    if not answer.searched_for:
        return ""
    return f'<p class="searched"><span class="label">Searched for:</span> {esc(", ".join(answer.searched_for))}</p>'


def _source_block(index: Index, s: SourceStance, cites: Sequence[Citation], turn: int) -> str:
    items = "".join(f"<li>{citation_html(index, c, turn)}</li>" for c in cites)
    return (
        f'<div class="source"><h4>{esc(s.title)}</h4>'
        f'<p class="weight">{esc(weight(s.kind, s.date, s.evidence_base))}</p><ul class="quotes">{items}</ul></div>'
    )


def refused_turn_html(turn: int, echoed: str, message: str) -> str:
    """A question refused as asked (empty, too long): its start shown back with what to do."""
    return (
        f'<article class="turn" id="turn-{turn}"><h2 class="question"><span class="who">You asked:</span> {esc(echoed)}</h2>'
        f'<p class="badge badge-none">Please try again</p><p class="lead">{esc(message.capitalize())}.</p></article>'
    )


def failed_turn_html(turn: int) -> str:
    """An answer that failed for a reason the user cannot act on: never a traceback."""
    return f'<article class="turn" id="turn-{turn}"><p class="lead">Something went wrong while answering. Please try again.</p></article>'


def conversation_html(turns: list[str]) -> str:
    return '<div class="conversation">' + "".join(turns) + "</div>"


def status_html(text: str, turn: int | None = None) -> str:
    """Read out by screen readers when an answer arrives; sighted users get a link to it."""
    jump = f'<a href="#turn-{turn}" class="jump">Go to the latest answer</a>' if turn else ""
    return f'<p role="status" aria-live="polite" class="status"><span class="sr-only">{esc(text)}</span>{jump}</p>'


SIGN_IN_FIRST = '<p>Please <a href="../">sign in to the chat</a> first.</p>'  # a page outside Gradio, asked for signed out


def citation_html(index: Index, c: Citation, turn: int) -> str:
    """A quote that opens (keyboard: Enter on it) to its passage in context, its provenance, and the source."""
    sentence = index.sentence_by_id(c.sentence_id)
    doc = index.documents[sentence.doc_id]
    before, after = index.neighbours(sentence, CONTEXT_SENTENCES)
    under = f' <span class="under">({esc(c.heading_note())})</span>' if c.heading_note() else ""
    meta = [("Source", c.title), ("Kind", c.kind), ("Date", c.date), ("Where", c.where()), ("File", c.source)]
    if doc.meta.evidence_base != NOT_STATED:
        meta.append(("Rests on", doc.meta.evidence_base))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta)
    context = " ".join([*(esc(x.text) for x in before), f'<mark class="cited">{esc(c.quote)}</mark>', *(esc(x.text) for x in after)])
    printed = (
        f'<p><a class="whole" href="page/{esc(c.sentence_id)}#cited" target="_blank" rel="noopener">'
        f"See it on page {c.page} as printed, highlighted (new tab)</a></p>"
        if doc.format == "pdf" and c.page
        else ""
    )
    return (
        f'<details class="cite" id="t{turn}-c{c.n}"><summary><span class="num">[{c.n}]</span> '
        f'<span class="quote">“{esc(c.quote)}”</span>{under}<span class="hint"> — open citation {c.n}</span></summary>'
        f'<div class="cite-body"><dl>{rows}</dl><p class="context-label">The passage around it:</p>'
        f'<blockquote class="context">{context}</blockquote>'
        f'<p><a class="whole" href="source/{esc(c.sentence_id)}#cited" target="_blank" rel="noopener">'
        f"Open the whole source at this sentence (new tab)</a></p>{printed}</div></details>"
    )


def _references(citations: Sequence[Citation]) -> str:
    items = "".join(
        f'<li value="{c.n}">{esc(c.title)}. {esc(c.kind)}, {esc(c.date)}. <span class="file">{esc(c.source)}</span>: {esc(c.where())}.</li>'
        for c in citations
    )
    return f'<details class="refs"><summary>References ({len(citations)})</summary><ol>{items}</ol></details>'


def _share_link(answer: Answer, turn: int) -> str:
    data = urlquote(to_markdown(answer))
    return (
        f'<p class="share"><a download="answer-{turn}.md" href="data:text/markdown;charset=utf-8,{esc(data)}">'
        "Download this answer with its citations (Markdown)</a></p>"
    )


def source_page(index: Index, sentence_id: str) -> str | None:
    """The whole source as a page, the cited sentence highlighted and scrolled into view (None if unknown)."""
    try:
        sentence = index.sentence_by_id(sentence_id)
    except KeyError:
        return None
    doc = index.documents[sentence.doc_id]
    return _source_shell(
        doc, "whole source", "the cited sentence is highlighted", f'<div class="text">{_numbered(doc, sentence.parts)}</div>'
    )


def _source_shell(doc: Document, what: str, note: str, body: str, css: str = "") -> str:
    """A page about one source, opened from a citation in its own tab: back to the chat, title, kind and date."""
    title = doc.meta.display_title
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)} — {esc(what)}</title>
<style>{SOURCE_CSS}{css}</style></head><body><main>
<p><a href="../" id="back" onclick="window.close(); setTimeout(function () {{ location.href = '../'; }}, 400); return false;">← Back to the chat</a></p>
<h1>{esc(title)}</h1>
<p class="meta">{esc(weight(doc.meta.kind, doc.meta.date, doc.meta.evidence_base))} · {esc(doc.path)} · {esc(note)}</p>
{body}</main></body></html>"""


def page_view(index: Index, sentence_id: str, located: Located | None, reason: str = "") -> str | None:
    """A PDF citation on its printed page: the page image with a box over each printed line of the quote, and the
    extracted text (for screen readers and copying). Without a place (`located` None or empty), says why and
    shows the text alone. None if the citation is unknown."""
    try:
        sentence = index.sentence_by_id(sentence_id)
    except KeyError:
        return None
    doc = index.documents[sentence.doc_id]
    title, page = doc.meta.display_title, sentence.page or 1
    if located is not None and located.boxes:
        boxes = "".join(
            f'<div class="box" style="left:{b.x:.4%};top:{b.y:.4%};width:{b.w:.4%};height:{b.h:.4%}" '
            f'data-pdf="{b.left:.2f},{b.bottom:.2f},{b.right:.2f},{b.top:.2f}"></div>'
            for b in located.boxes
        )
        # The area all the quote's lines cover: scrolled into view whole (a line starting left of the first is not cut
        # off), focusable; and the page drawn no wider than lets that area fit the screen (page.css, --quote).
        x0, y0 = min(b.x for b in located.boxes), min(b.y for b in located.boxes)
        x1, y1 = max(b.x + b.w for b in located.boxes), max(b.y + b.h for b in located.boxes)
        area = f'<div class="quote-area" id="cited" tabindex="-1" style="left:{x0:.4%};top:{y0:.4%};width:{x1 - x0:.4%};height:{y1 - y0:.4%}"></div>'
        shown = (
            f"<p>The cited sentence is outlined on page {page}, as printed.</p>"
            f'<div class="sheet-scroll"><div class="sheet" style="--quote:{max(x1 - x0, 0.05):.4f}">'
            f'<img src="../pageimage/{esc(sentence_id)}" alt="Page {page} of {esc(title)}, as printed; '
            f'the cited sentence is outlined: {esc(sentence.text)}">{boxes}{area}</div></div>'
        )
    else:
        why = (located.reason if located is not None else reason) or "its place on the page is not known"
        shown = f'<p class="fallback" id="cited" tabindex="-1">The page cannot be shown with the sentence marked: {esc(why)}. Its text is below.</p>'
    return _source_shell(
        doc,
        f"page {page}",
        f"page {page}",
        f"""{shown}
<h2>The cited sentence, as extracted</h2><blockquote class="extracted">{esc(sentence.text)}</blockquote>
<p><a href="../source/{esc(sentence_id)}#cited">The whole source as text, at this sentence</a></p>""",
        PAGE_CSS,
    )


def _numbered(doc: Document, parts: Sequence[tuple[int, int]]) -> str:
    """The raw text line by line, each numbered as citations count lines (within its page, for a PDF), a heading where
    each PDF page begins, and the cited parts marked (the first one the anchor the page opens at). The numbers are
    drawn by CSS from data-n, so copying the text leaves them out."""
    pages = {start: n for n, start in enumerate(doc.page_starts, 1)}
    marks = sorted(parts)
    out, pos, anchored = [], 0, False
    for line in doc.text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if a in pages:
            out.append(f'<span class="page">Page {pages[a]}</span>')
        body, at = [], a
        for ma, mb in marks:
            lo, hi = max(a, ma), min(b, mb)
            if lo >= hi:
                continue
            anchor = "" if anchored else ' id="cited" tabindex="-1"'
            anchored = True
            body.append(f'{esc(doc.text[at:lo])}<mark class="cited"{anchor}>{esc(doc.text[lo:hi])}</mark>')
            at = hi
        body.append(esc(doc.text[at:b]))
        out.append(f'<span class="ln" data-n="{doc.line_of(a)}">{"".join(body)}</span>')
    return "".join(out)
