"""The chat page's own script and style, read from files in ui/static/ and handed to Gradio by ui/app.py and chat.py.
No text from a user or a source is ever put in them."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"


def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


HEAD = "<script>\n" + _read("chat.js") + "</script>"  # whole sources in their own tab; the note on an over-long paste
# After an answer: focus on its lead, its top scrolled into view. Gradio takes a bare function expression: the
# file's comment lines are left out.
FOCUS_LATEST = "\n".join(line for line in _read("focus-latest.js").splitlines() if not line.startswith("//"))
CSS = _read("chat.css")  # light and dark, each colour AA in both
