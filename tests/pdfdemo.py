"""One seed document's own words typeset as a two-column PDF with a table, for the PDF page view.

The seed documents are text files. To show (and test) a citation on a printed page without inventing a
source, this typesets a text source's paragraphs, word for word, into two columns, and its last list as a
table; nothing is added but the layout (and a row number in the table). `python -m tests.pdfdemo DIR`
writes a copy of the corpus into DIR with the document replaced by its PDF (`make demo-pdf`).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

SEED = "acsm-2010-exercising-with-als.txt"
ROOT = Path(__file__).resolve().parents[1]
# The paragraphs that follow this line are a web page's comment box, not the document.
_END = re.compile(r"^Comments on ")


def blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) for each block of a text source: "heading", "item" (a list item, bullet removed) or "para"."""
    out = []
    for raw in re.split(r"\n\s*\n", text.strip()):
        line = " ".join(raw.split())
        if _END.match(line):
            break
        if line.startswith("•"):
            out.append(("item", line.lstrip("• ").strip()))
        elif len(line) < 40 and not line.endswith((".", ":")):
            out.append(("heading", line))
        else:
            out.append(("para", line))
    return out


def typeset(text: str, out: Path) -> Path:
    """The text as a PDF: title lines across the page, the body in two columns, the last list as a table."""
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # Unicode (’ •), always installed
    parts = blocks(text)
    title = [b for _, b in parts[:3]]
    body = parts[3:]
    last = max(i for i, (k, _) in enumerate(body) if k == "heading")  # the last section's list becomes a table
    table_head, table_items = body[last][1], [b for k, b in body[last + 1 :] if k == "item"]
    rest = [b for b in body[last + 1 :] if b[0] != "item"]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(font))
    pdf.add_page()
    pdf.set_font("DejaVu", size=15)
    pdf.multi_cell(0, 8, title[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    for line in title[1:]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.text_columns(ncols=2, gutter=8, balance=True, text_align="LEFT", l_margin=pdf.l_margin, r_margin=pdf.r_margin) as cols:
        for kind, line in body[:last]:
            with cols.paragraph(top_margin=2, bottom_margin=2) as par:
                par.write(("• " if kind == "item" else "") + line)
    pdf.ln(6)
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(0, 7, table_head, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    with pdf.table(col_widths=(8, 92), text_align=("CENTER", "LEFT"), first_row_as_headings=False) as table:
        for n, item in enumerate(table_items, 1):
            row = table.row()
            row.cell(str(n))
            row.cell(item)
    pdf.ln(4)
    for _, line in rest:
        pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def demo_corpus(target: Path, corpus: Path = ROOT / "corpus") -> Path:
    """A copy of the corpus with the seed text replaced by its typeset PDF (same metadata); returns the PDF's path."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(corpus, target)
    seed = target / SEED
    pdf = typeset(seed.read_text(encoding="utf-8"), seed.with_suffix(".pdf"))
    seed.unlink()
    sources = yaml.safe_load((target / "sources.yaml").read_text(encoding="utf-8"))
    meta = dict(sources.pop(SEED))
    meta["label"] = f"{meta.get('label', '')} (typeset here as a two-column PDF from the text file, word for word)".strip()
    sources[pdf.name] = meta
    (target / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return pdf


if __name__ == "__main__":
    where = Path(sys.argv[1] if len(sys.argv) > 1 else "build/demo-corpus")
    print(f"Wrote {demo_corpus(where)} into a copy of the corpus at {where}/")
