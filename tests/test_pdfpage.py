"""pdfpage: a PDF citation found on its printed page, on a seed document's own words typeset in two columns and a table."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from assistant.read.load import load_corpus
from assistant.read.split import split_document
from assistant.render.pdfpage import PageImages, file_bytes, find, letters, locate, render
from tests.pdfdemo import SEED, demo_corpus


@pytest.fixture(scope="module")
def typeset(tmp_path_factory):
    """(corpus folder, the PDF's Document, its sentences, its bytes)."""
    where = tmp_path_factory.mktemp("demo") / "corpus"
    pdf = demo_corpus(where)
    docs, skipped = load_corpus(where)
    assert skipped == []
    doc = next(d for d in docs if d.path == pdf.name)
    return where, doc, split_document(doc), pdf.read_bytes()


def page_width(data: bytes, page: int) -> float:
    return pdfium.PdfDocument(data)[page - 1].get_size()[0]


def test_the_pdf_holds_the_seed_documents_words_and_nothing_else(typeset):
    _, doc, _, _ = typeset
    seed = (Path(__file__).parents[1] / "corpus" / SEED).read_text(encoding="utf-8")

    def words(text: str) -> str:  # the table's row numbers are layout: single digits standing alone are left out
        return letters(re.sub(r"(?<!\S)\d(?!\S)", " ", text))

    assert words(doc.text) in words(seed)  # every letter of the PDF's text, in order, is the seed's (no invented words)…
    assert len(words(doc.text)) > 0.8 * len(words(seed))  # …and most of the seed is there (a web page's comment box is not)


def test_every_sentence_is_found_and_the_words_in_its_boxes_are_the_quote(typeset):
    _, doc, sentences, data = typeset
    pdf = pdfium.PdfDocument(data)
    for s in sentences:
        located = find(data, doc, s)
        assert located.boxes, (s.text, located.reason)
        on_page = "".join(doc.text[a:b] for a, b in s.parts if doc.page_of(a) == s.page)
        text = pdf[located.page - 1].get_textpage()
        again = "".join(text.get_text_bounded(b.left, b.bottom, b.right, b.top) for b in located.boxes)
        assert letters(again) == letters(on_page)


def test_a_table_cell_is_quoted_alone_under_the_tables_heading(typeset):
    # The table's heading follows a list with no blank line between them, and each row starts with its number.
    _, doc, sentences, data = typeset
    beneficial = next(s for s in sentences if "is only beneficial" in s.text)
    adapted = next(s for s in sentences if "support equipment may be needed" in s.text)
    assert beneficial.text.startswith("Exercise is only beneficial") and adapted.text.startswith("Adapted or support")
    assert beneficial.section == adapted.section == "Exercise Cautions"
    assert not any("Cautions 1" in s.text or s.text[:2] in ("1 ", "2 ") for s in sentences)
    for s in (beneficial, adapted):  # and only the cell's words are outlined on the page
        boxes = find(data, doc, s).boxes
        again = "".join(pdfium.PdfDocument(data)[0].get_textpage().get_text_bounded(b.left, b.bottom, b.right, b.top) for b in boxes)
        assert letters(again) == letters(s.text)


@pytest.mark.parametrize(
    "start, column",
    [
        ("Active and passive stretching", "right"),
        ("There is, however, great variability", "left"),
        ("Exercise is no longer appropriate", "table"),
    ],
)
def test_a_box_lies_where_the_sentence_is_printed(typeset, start, column):
    _, doc, sentences, data = typeset
    s = next(s for s in sentences if s.text.startswith(start))
    boxes = find(data, doc, s).boxes
    middle = page_width(data, s.page) / 2
    if column == "right":
        assert all(b.left > middle for b in boxes) and len(boxes) >= 2
    elif column == "left":
        assert all(b.right < middle for b in boxes)
    else:  # the table's text column, right of its row numbers, over three printed lines
        assert len(boxes) == 3 and all(b.x > 0.1 for b in boxes)
    for b in boxes:
        assert 0 <= b.x < b.x + b.w <= 1 and 0 <= b.y < b.y + b.h <= 1


@pytest.mark.parametrize(
    "quote, reason",
    [
        ("Never printed on this page at all", "could not be found"),
        ("a.", "too short"),
    ],
    ids=["absent", "too-short"],
)
def test_a_quote_that_cannot_be_placed_says_why_and_has_no_box(typeset, quote, reason):
    _, _, _, data = typeset
    located = locate(data, 1, quote, "")
    assert located.boxes == () and reason in located.reason


def test_a_repeated_phrase_takes_the_same_occurrence_as_the_text(typeset):
    _, _, _, data = typeset
    first = locate(data, 1, "exercise", "").boxes
    third = locate(data, 1, "exercise", "exercise exercise").boxes
    assert first and third and (first[0].top, first[0].left) != (third[0].top, third[0].left)


def test_a_rotated_page_is_not_marked(typeset, tmp_path):
    _, _, _, data = typeset
    pdf = pdfium.PdfDocument(data)
    pdf[0].set_rotation(90)
    out = io.BytesIO()
    pdf.save(out)
    assert "rotated" in locate(out.getvalue(), 1, "Active and passive stretching exercises", "").reason


def test_a_changed_file_is_not_shown_as_the_indexed_one(typeset, tmp_path):
    where, doc, _, data = typeset
    copy = tmp_path / doc.path
    copy.write_bytes(data)
    assert file_bytes(tmp_path, doc) == data
    copy.write_bytes(data + b"\n")
    assert file_bytes(tmp_path, doc) is None
    copy.unlink()
    assert file_bytes(tmp_path, doc) is None


def test_pages_render_at_a_readable_size_and_the_cache_is_bounded(typeset):
    _, doc, _, data = typeset
    image = Image.open(io.BytesIO(render(data, 1)))
    assert image.width >= 1100  # an A4 page at 2x: its 10-point text is ~28 px tall
    images = PageImages(size=1)
    first = images.png(doc.sha256, 1, lambda: data)
    assert images.png(doc.sha256, 1, lambda: pytest.fail("a cached page must not read the file")) is first  # from the cache
    images.png(doc.sha256, 2, lambda: data)
    assert list(images._pages) == [(doc.sha256, 2)]  # the least recently used page went


def test_the_page_view_shows_boxes_over_the_image_or_says_why_it_cannot(typeset, hash_encoder, tmp_path):
    from assistant.config import Settings
    from assistant.index.build import build_index
    from assistant.index.loaded import load_index
    from assistant.render.html import page_view

    where, doc, _, data = typeset
    settings = Settings().updated(corpus=where, index=tmp_path / "index", model="hash-encoder")
    build_index(settings, hash_encoder, progress=False)
    index = load_index(settings.index)
    sentence = next(s for s in index.sentences if s.doc_id == doc.id and s.text.startswith("Active and passive"))
    shown = page_view(index, sentence.id, find(data, doc, sentence))
    assert shown.count('class="box"') == 3 and 'id="cited"' in shown and f"pageimage/{sentence.id}" in shown
    assert sentence.text in shown  # the extracted text, for screen readers and copying
    fallback = page_view(index, sentence.id, None, "the file has changed or gone since the index was built")
    assert "the file has changed" in fallback and "<img" not in fallback and 'class="box"' not in fallback
    assert sentence.text in fallback
    assert page_view(index, "no-such-id", None) is None


@pytest.mark.parametrize("text, expected", [("Exer-\ncise, ok!", "exerciseok"), ("ﬁbers", "fibers"), ("  ", "")])
def test_letters_are_what_a_quote_and_a_page_share(text, expected):
    assert letters(text) == expected
