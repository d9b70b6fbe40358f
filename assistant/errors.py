"""The few domain errors; the CLI and the chat turn them into plain messages."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: anything the user can act on, with a message that says how."""


class ConfigError(AssistantError):
    """A setting has a value that cannot work (unknown model, bad path, bad number)."""


class CorpusError(AssistantError):
    """The corpus cannot be used at all (missing folder, nothing indexable)."""


class IndexError_(AssistantError):
    """The index is missing, damaged, or was built for something else."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long)."""
