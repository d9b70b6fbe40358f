"""The few domain errors; the CLI and the chat turn them into plain messages."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: anything the user can act on, with a message that says how."""


class ConfigError(AssistantError):
    """A setting has a value that cannot work (unknown model, bad path, bad number)."""


class CorpusError(AssistantError):
    """The corpus cannot be used at all (missing folder, nothing indexable)."""


class UnusableIndexError(AssistantError):
    """The index is missing, damaged, or was built for something else."""


class QuestionError(AssistantError):
    """The question cannot be answered as asked (empty, too long)."""


class QuestionSetError(AssistantError):
    """A question set that cannot be read; the message names the file, the entry and the field."""


class UnreadableFile(Exception):
    """A file that cannot be turned into text; the message says why. Not an AssistantError: the loader skips
    the file and reports it among the skipped, and the rest of the corpus is still indexed."""


class ClusterError(AssistantError):
    """A build or an evaluation on Ray failed (a worker died twice): nothing was written, the previous index serves."""
