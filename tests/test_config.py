"""Settings: defaults, environment overrides, per-call overrides, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError


def test_environment_overrides_defaults():
    s = Settings.from_env({"ASSISTANT_MODEL": "/models/x", "ASSISTANT_PER_SOURCE": "3", "ASSISTANT_AUTO_REBUILD": "no"})
    assert (s.model, s.per_source, s.auto_rebuild) == ("/models/x", 3, False)


def test_explicit_overrides_beat_environment():
    s = Settings.from_env({"ASSISTANT_CORPUS": "a"}, corpus=Path("b"))
    assert s.corpus == Path("b")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"per_source": "lots"}, "expects int"),
        ({"mode": "magic"}, "mode must be"),
        ({"nope": 1}, "unknown setting"),
        ({"top_k": 0}, "at least 1"),
        ({"passage_stride": 9}, "must not exceed"),
    ],
    ids=["type", "choice", "unknown", "range", "stride"],
)
def test_bad_values_raise_config_error(change, message):
    with pytest.raises(ConfigError, match=message):
        Settings().updated(**change)


def test_index_fingerprint_covers_only_build_settings():
    assert set(Settings().index_fingerprint()) == {"model", "passage_sentences", "passage_stride", "exact_limit", "shards", "pq_limit"}


def test_every_setting_is_described():
    assert all(help_text for _, _, help_text in Settings.describe())
