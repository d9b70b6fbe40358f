"""assistant.read.load (+ assistant.read.pdf): corpus folder → Documents; a bad file is skipped with a reason."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from assistant.errors import CorpusError, UnreadableFile
from assistant.read.clean import hyphen_vocabulary, normalise
from assistant.read.load import (
    MAX_FILE_BYTES,
    Skipped,
    corpus_files,
    file_hashes,
    load_corpus,
    load_document,
)
from assistant.read.metadata import body_start
from assistant.read.split import split_document
from assistant.records import NOT_STATED

GOOD_TEXT = "Moderate exercise appears to be safe for most people with ALS. Patients should stop when tired.\n"

PAGE_TEXTS = [
    "Exercise in ALS\n\nModerate exercise appears to be safe for people with ALS. Patients should stop when they feel tired.",
    "Strengthening exercise has increased muscle strength in small trials. Intense exercise may be harmful to weak muscles.",
]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def pdf_bytes(pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypted_pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Secret advice about exercise in ALS.")
    pdf.set_encryption(owner_password="owner-pw", user_password="user-pw")
    return bytes(pdf.output())


def drawing_only_pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 30)
    return bytes(pdf.output())


def load_one(tmp_path: Path, name: str, content: str | bytes, meta: dict | None = None):  # type: ignore[no-untyped-def]
    path = write(tmp_path, name, content)
    return load_document(path, name, meta or {})


# --- metadata ------------------------------------------------------------------------------------------------

FRONT_TXT = """---
title: Exercises
url: "/alternative-treatment/exercises"
tags:
- others
date: 2020-05-09T00:00:00Z
---
## Science

Exercise may have many benefits for ALS patients.
"""

FRONT_MD = """---
title: "Stretching for people with ALS"
author: Clinic team
date: 2019-03-04
---
Stretching may help decrease the frequency of muscle cramping.
"""


@pytest.mark.parametrize(
    ("name", "content", "fmt", "title", "date", "extra"),
    [
        ("page.txt", FRONT_TXT, "markdown", "Exercises", "2020-05-09", {"url": "/alternative-treatment/exercises"}),
        ("note.md", FRONT_MD, "markdown", "Stretching for people with ALS", "2019-03-04", {"author": "Clinic team"}),
        ("quoted-date.md", '---\ntitle: T\ndate: "2021-07-30T10:11:12+02:00"\n---\nSome text here.\n', "markdown", "T", "2021-07-30", {}),
    ],
    ids=["txt-front-matter-datetime", "md-front-matter-date", "quoted-datetime"],
)
def test_front_matter_becomes_metadata(tmp_path: Path, name: str, content: str, fmt: str, title: str, date: str, extra: dict) -> None:
    doc = load_one(tmp_path, name, content)
    assert doc.format == fmt
    assert doc.meta.title == title
    assert doc.meta.date == date
    for key, value in extra.items():
        assert getattr(doc.meta, key) == value
    assert doc.text == content  # the raw text keeps the front matter; offsets count from the file's start
    assert doc.text[body_start(doc.text) :].lstrip().startswith(("## Science", "Stretching", "Some text"))


def test_sources_yaml_overrides_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", FRONT_TXT)
    write(
        tmp_path,
        "sources.yaml",
        'page.txt:\n  title: "Exercises (patient site)"\n  date: "2020-06-01"\n  kind: patient website\n  audience: patients\n'
        "  label: website page\n  evidence_base: not stated\n  unknown_field: ignored\n",
    )
    (doc,), skipped = load_corpus(tmp_path)
    assert skipped == []
    assert doc.meta.title == "Exercises (patient site)"
    assert doc.meta.date == "2020-06-01"
    assert (doc.meta.kind, doc.meta.audience, doc.meta.label) == ("patient website", "patients", "website page")
    assert doc.meta.url == "/alternative-treatment/exercises"  # not in sources.yaml: front matter still counts


def test_file_without_metadata_gets_defaults(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "plain_notes-on-exercise.txt", GOOD_TEXT)
    assert doc.format == "text"
    meta = doc.meta
    assert (meta.title, meta.author, meta.date, meta.kind, meta.audience, meta.url, meta.evidence_base) == (NOT_STATED,) * 7
    assert meta.label == "plain notes on exercise"
    assert meta.display_title == "[untitled: plain notes on exercise]"
    assert doc.page_starts == ()
    assert len(doc.sha256) == 64


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        ("Some **bold** advice here.\n", "markdown"),
        ("## A heading\n\nText.\n", "markdown"),
        ("See [the page](https://example.org) for more.\n", "markdown"),
        ("> a quoted line\n", "markdown"),
        ("Plain text with a # sign and a * star.\n", "text"),
    ],
    ids=["bold", "heading", "link", "quote", "plain"],
)
def test_txt_with_markdown_hints_is_read_as_markdown(tmp_path: Path, content: str, fmt: str) -> None:
    assert load_one(tmp_path, "doc.txt", content).format == fmt


def test_crlf_line_ends_are_normalised(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "doc.txt", b"First line here.\r\nSecond line.\rThird.\r\n")
    assert doc.text == "First line here.\nSecond line.\nThird.\n"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    doc = load_one(tmp_path, "doc.txt", "\ufeff" + GOOD_TEXT)
    assert doc.text == GOOD_TEXT


# --- one corpus folder with good and bad files ----------------------------------------------------------------

BAD_FILES: list[tuple[str, bytes, tuple[str, ...]]] = [
    ("empty.txt", b"", ("empty",)),
    ("blank.md", b"   \n\n  \n", ("empty",)),
    ("binary.txt", b"ALS\x00\x01\x02\x03 data" * 10, ("binary",)),
    ("latin1.txt", "Exercise café notes".encode("latin-1"), ("UTF-8",)),
    ("fake.pdf", b"hello, this is not a PDF at all", ("not a PDF",)),
    ("garbage.pdf", b"%PDF-1.7\n" + b"\x00\xff" * 50, ("damaged",)),
    ("punctuation.txt", b"... --- ***\n", ("no text",)),
]


def pdf_variant(name: str) -> bytes:
    """A two-page PDF, cut or locked in one way."""
    full = pdf_bytes(PAGE_TEXTS)
    return {
        "truncated-half": full[: len(full) // 2],
        "truncated-tail": full[: full.rindex(b"%%EOF")],  # every object there, only the end marker missing
        "locked": locked_pdf_bytes(full, user_password="user-pw"),
        "unknown-cipher": locked_pdf_bytes(full, user_password="").replace(b"/V 2\n/R 3", b"/V 9\n/R 9"),
    }[name]


def locked_pdf_bytes(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password="owner-pw", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf_bytes() -> bytes:
    """A scanned page: one picture, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (60, 40), "gray"), x=20, y=20, w=120)
    return bytes(pdf.output())


def blank_pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def link(target: str):  # type: ignore[no-untyped-def]
    return lambda path: path.symlink_to(target)


# Entries that are not plain bytes: (relative path, how to make it, words the skip reason must hold).
ODD_ENTRIES = [
    ("truncated.pdf", lambda p: p.write_bytes(pdf_variant("truncated-half")), ("truncated",)),
    ("no-eof.pdf", lambda p: p.write_bytes(pdf_variant("truncated-tail")), ("truncated",)),
    ("encrypted.pdf", lambda p: p.write_bytes(encrypted_pdf_bytes()), ("encrypted", "password")),
    ("locked.pdf", lambda p: p.write_bytes(pdf_variant("locked")), ("encrypted", "password")),
    ("unknown-cipher.pdf", lambda p: p.write_bytes(pdf_variant("unknown-cipher")), ("encrypted", "cannot be opened")),
    ("drawing.pdf", lambda p: p.write_bytes(drawing_only_pdf_bytes()), ("no text",)),
    ("scan.pdf", lambda p: p.write_bytes(image_only_pdf_bytes()), ("no text",)),
    ("blank.pdf", lambda p: p.write_bytes(blank_pdf_bytes()), ("no text",)),
    ("zz-duplicate.txt", lambda p: p.write_text(GOOD_TEXT), ("same content as good.txt",)),
    ("zz-link-to-good.txt", link("good.txt"), ("same content as good.txt",)),
    ("notes.docx", lambda p: p.write_bytes(b"PK\x03\x04 not indexed"), ("unsupported file type '.docx'",)),
    ("data.csv", lambda p: p.write_text("a,b\n1,2\n"), ("unsupported file type '.csv'",)),
    ("LICENSE", lambda p: p.write_text("MIT"), ("unsupported", "without an extension")),
    ("sub/up/", link(".."), ("linked folder", "not followed")),
    ("self/", link("."), ("linked folder",)),
    ("loop.txt", link("loop.txt"), ("looping link",)),
    ("broken.md", link("nowhere.md"), ("broken",)),
    ("outside.txt", link("../outside/secret.txt"), ("outside the corpus",)),
    ("fifo.txt", lambda p: os.mkfifo(p), ("not a regular file",)),
    ("huge.txt", lambda p: p.open("wb").truncate(MAX_FILE_BYTES + 1), ("too large", "limit")),  # sparse: no disk used
]


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write(tmp_path, "outside/secret.txt", "A private note outside the corpus that must never be indexed.")
    write(corpus, "good.txt", GOOD_TEXT)
    write(corpus, "sub/also-good.md", "# Heading\n\nStretching may help with cramps in ALS.\n")
    write(corpus, "good.pdf", pdf_bytes(PAGE_TEXTS))
    write(corpus, "owner-locked.pdf", locked_pdf_bytes(pdf_bytes(PAGE_TEXTS[::-1]), user_password=""))
    write(corpus, "windows.txt", "Swimming is gentle on the joints. Stop when tired.\r\n".encode("utf-16"))
    for name, data, _ in BAD_FILES:
        write(corpus, name, data)
    for name, make, _ in ODD_ENTRIES:
        (corpus / name.rstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        make(corpus / name.rstrip("/"))
    write(corpus, ".hidden.txt", GOOD_TEXT + "hidden")
    write(corpus, ".git/notes.md", "Version control files are not sources.")
    write(corpus, "README.md", "# Corpus\n\nThis folder holds the sources.\n")
    return corpus


EXPECTED_SKIPS = [(name, words) for name, _, words in BAD_FILES] + [(name, words) for name, _, words in ODD_ENTRIES]
GOOD_FILES = {"good.pdf": "pdf", "good.txt": "text", "owner-locked.pdf": "pdf", "sub/also-good.md": "markdown", "windows.txt": "text"}


def test_good_files_load_despite_bad_ones(mixed_corpus: Path) -> None:
    docs, _ = load_corpus(mixed_corpus)
    assert {d.path: d.format for d in docs} == GOOD_FILES
    assert len({d.id for d in docs}) == len(GOOD_FILES)
    texts = {d.path: d.text for d in docs}
    assert texts["windows.txt"] == "Swimming is gentle on the joints. Stop when tired.\n"
    assert "Intense exercise" in texts["owner-locked.pdf"]  # encrypted only against editing: readable


def test_every_bad_file_skipped_once(mixed_corpus: Path) -> None:
    _, skipped = load_corpus(mixed_corpus)
    assert all(isinstance(s, Skipped) for s in skipped)
    assert [s.path for s in skipped] == sorted(name for name, _ in EXPECTED_SKIPS)


@pytest.mark.parametrize(("name", "words"), EXPECTED_SKIPS, ids=[name for name, _ in EXPECTED_SKIPS])
def test_skip_reason_is_readable(mixed_corpus: Path, name: str, words: tuple[str, ...]) -> None:
    _, skipped = load_corpus(mixed_corpus)
    (reason,) = [s.reason for s in skipped if s.path == name]
    for word in words:
        assert word.lower() in reason.lower(), reason
    assert "\n" not in reason and len(reason) < 300


def test_hidden_files_readme_and_metadata_passed_over_silently(mixed_corpus: Path) -> None:
    write(mixed_corpus, "sources.yaml", "good.txt: {title: Good}\n")
    docs, skipped = load_corpus(mixed_corpus)
    seen = {d.path for d in docs} | {s.path for s in skipped}
    assert not seen & {".hidden.txt", ".git/notes.md", "README.md", "sources.yaml"}
    assert {p.relative_to(mixed_corpus).as_posix() for p in corpus_files(mixed_corpus)} <= seen


def test_nothing_outside_the_corpus_is_read(mixed_corpus: Path) -> None:
    docs, _ = load_corpus(mixed_corpus)
    assert not any("private note" in d.text for d in docs)
    assert "outside.txt" not in file_hashes(mixed_corpus)


def test_a_file_that_cannot_be_read_is_skipped_and_hashing_survives(mixed_corpus: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Tests run as root in CI, where chmod 000 does not stop reads: the refusal is simulated at the read.
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "good.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert file_hashes(mixed_corpus)["good.txt"] == "unreadable"
    docs, skipped = load_corpus(mixed_corpus)
    assert {s.path: s.reason for s in skipped}["good.txt"] == "cannot be read (Permission denied)"
    assert "good.pdf" in {d.path for d in docs}
    assert "zz-duplicate.txt" in {d.path for d in docs}  # no longer a duplicate of anything read


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", GOOD_TEXT)
    locked = write(tmp_path, "locked.txt", "Private notes about exercise that nobody may read.")
    locked.chmod(0)
    docs, skipped = load_corpus(tmp_path)
    assert [d.path for d in docs] == ["good.txt"]
    assert skipped == [Skipped("locked.txt", "cannot be read (Permission denied)")]


def test_missing_corpus_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "content",
    ["- just a list\n", "[bad: yaml", "file.txt: not-a-mapping\n"],
    ids=["list-not-mapping", "invalid-yaml", "entry-not-mapping"],
)
def test_bad_sources_yaml_is_a_corpus_error(tmp_path: Path, content: str) -> None:
    write(tmp_path, "file.txt", GOOD_TEXT)
    write(tmp_path, "sources.yaml", content)
    with pytest.raises(CorpusError):
        load_corpus(tmp_path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [(name, data, words[0]) for name, data, words in BAD_FILES],
    ids=[name for name, _, _ in BAD_FILES],
)
def test_load_document_raises_unreadable(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(UnreadableFile, match=message):
        load_document(path, name, {})


# --- real PDFs -----------------------------------------------------------------------------------------------


@pytest.fixture
def two_page_pdf(tmp_path: Path):  # type: ignore[no-untyped-def]
    data = pdf_bytes(PAGE_TEXTS)
    write(tmp_path, "two-pages.pdf", data)
    (doc,), skipped = load_corpus(tmp_path)
    assert skipped == []
    return doc, data


def test_pdf_loads_with_page_starts(two_page_pdf) -> None:  # type: ignore[no-untyped-def]
    doc, data = two_page_pdf
    assert doc.format == "pdf"
    assert len(doc.page_starts) == 2 and doc.page_starts[0] == 0
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    assert doc.text == "\n".join(pages)
    assert doc.page_starts[1] == len(pages[0]) + 1
    assert doc.meta.title == NOT_STATED and doc.meta.label == "two pages"


def test_pdf_sentences_on_both_pages(two_page_pdf) -> None:  # type: ignore[no-untyped-def]
    doc, _ = two_page_pdf
    sentences = split_document(doc)
    assert {s.page for s in sentences} == {1, 2}
    by_text = {s.text: s for s in sentences}
    assert by_text["Moderate exercise appears to be safe for people with ALS."].page == 1
    assert by_text["Intense exercise may be harmful to weak muscles."].page == 2


def test_pdf_quotes_match_page_text(two_page_pdf) -> None:  # type: ignore[no-untyped-def]
    doc, data = two_page_pdf
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    keep = hyphen_vocabulary(doc.text)
    sentences = split_document(doc)
    assert sentences
    for s in sentences:
        page_text = pages[s.page - 1]
        pieces = []
        for a, b in s.parts:
            assert doc.page_of(a) == doc.page_of(b - 1) == s.page  # runs never cross a page
            pieces.append(page_text[doc.local(a) : doc.local(b)])
            assert page_text[doc.local(a) : doc.local(b)] == doc.text[a:b]
        assert normalise(" ".join(pieces), keep_hyphen=keep) == s.text
        first = s.parts[0][0]
        assert s.lines[0] == page_text.count("\n", 0, doc.local(first)) + 1


def test_pdf_sentence_across_page_break_is_split_into_page_runs(tmp_path: Path) -> None:
    data = pdf_bytes(
        [
            "Exercise was studied in a small trial. Moderate exercise appears to be safe for",
            "people with ALS who are still walking. Stop when tired.",
        ]
    )
    write(tmp_path, "break.pdf", data)
    (doc,), _ = load_corpus(tmp_path)
    (s,) = [s for s in split_document(doc) if s.text.startswith("Moderate")]
    assert s.text == "Moderate exercise appears to be safe for people with ALS who are still walking."
    assert [doc.page_of(a) for a, _ in s.parts] == [1, 2]
    assert s.page == 1


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [("locked.pdf", encrypted_pdf_bytes, "encrypted"), ("scan.pdf", drawing_only_pdf_bytes, "no text")],
    ids=["encrypted", "no-text-layer"],
)
def test_unreadable_pdf_skipped_with_reason(tmp_path: Path, name: str, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, name, make())
    docs, skipped = load_corpus(tmp_path)
    assert docs == []
    assert [s.path for s in skipped] == [name]
    assert reason in skipped[0].reason
