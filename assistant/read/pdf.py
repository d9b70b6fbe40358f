"""PDF bytes → page texts via pypdf, with the failures a user can act on named plainly."""

from __future__ import annotations

import io
import logging

from assistant.errors import UnreadableFile


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page as pypdf extracts it; raises UnreadableFile when there is none to be had."""
    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableFile("not a PDF file (no %PDF header)")
    # pypdf rebuilds a file cut short from what is left, silently losing pages: quoting from it would mislead.
    if b"%%EOF" not in data[-1024:]:
        raise UnreadableFile("the PDF is damaged or truncated (its end-of-file marker is missing)")
    # pypdf logs every recoverable oddity; the user only needs the one-line reason we give.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        pages = _extract(data)
    except UnreadableFile:
        raise
    except RecursionError:
        raise UnreadableFile("the PDF is damaged (its objects refer to each other in a loop)") from None
    except Exception as exc:  # pypdf raises many types on damaged input; one bad file must not stop a build
        if b"/Encrypt" in data:  # pypdf tries the empty password as it opens: the algorithm may be unsupported
            raise UnreadableFile(f"the PDF is encrypted in a way that cannot be opened ({type(exc).__name__}: {_short(exc)})") from None
        raise UnreadableFile(f"the PDF is damaged or truncated ({type(exc).__name__}: {_short(exc)})") from None
    if not any(p.strip() for p in pages):
        raise UnreadableFile("the PDF has no text layer (scanned images only?)")
    return pages


def _extract(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    # Many PDFs are "encrypted" with an empty password only to restrict printing: those are readable.
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableFile("the PDF is encrypted with a password")
    return [(page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n") for page in reader.pages]


def _short(exc: Exception) -> str:
    """The error's first line, cut to a readable length."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:120]
