"""PDF bytes → page texts via pypdf, with the failures a user can act on named plainly."""

from __future__ import annotations

import io
import logging

from .load import UnreadableFile


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page as pypdf extracts it; raises UnreadableFile when there is none to be had."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableFile("not a PDF file (no %PDF header)")
    # pypdf logs every recoverable oddity; the user only needs the one-line reason we give.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFile("the PDF is encrypted with a password")
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                if isinstance(exc, UnreadableFile):
                    raise
                raise UnreadableFile(f"the PDF is encrypted and cannot be opened ({exc})") from None
        pages = [(page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n") for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise UnreadableFile(f"the PDF is damaged or truncated ({type(exc).__name__}: {exc})") from None
    if not any(p.strip() for p in pages):
        raise UnreadableFile("the PDF has no text layer (scanned images only?)")
    return pages
