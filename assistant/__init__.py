"""Evidence assistant for exercise in ALS: cited, verbatim answers from a fixed set of sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Answer", "Assistant", "Citation", "Conversation", "Settings"]

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.config import Settings
    from assistant.language.followup import Conversation
    from assistant.results import Answer, Citation


def __getattr__(name: str) -> Any:
    # Lazy, so `import assistant` stays cheap and the CLI imports only what a command needs.
    if name == "Assistant":
        from assistant.api import Assistant

        return Assistant
    if name == "Conversation":
        from assistant.language.followup import Conversation

        return Conversation
    if name == "Settings":
        from assistant.config import Settings

        return Settings
    if name in ("Answer", "Citation"):
        from assistant import results

        return getattr(results, name)
    raise AttributeError(name)
