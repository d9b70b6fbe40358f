"""WordNet relations (language/relations.py): installed by `make setup`, other names for a word, its opposites."""

import os

import pytest

from assistant.language import relations

pytestmark = pytest.mark.skipif(
    not relations.available() and os.environ.get("CI") != "true", reason="WordNet not installed here (run `make setup` as root)"
)


def test_wordnet_is_installed_by_setup():
    assert relations.available(), "make setup installs Debian's wordnet-base and copies it into the venv (Makefile: wordnet)"


@pytest.mark.parametrize(
    ("word", "other_name"),
    [("exhausted", "fatigued"), ("swimming", "swim"), ("gym", "gymnasium"), ("hurting", "pain"), ("fatigued", "tire")],
)
def test_other_names_for_a_word(word, other_name):
    assert other_name in dict(relations.related(word))


@pytest.mark.parametrize(
    ("word", "not_related"),
    [
        ("dumbbells", "dope"),  # a rarer sense's synonym (a dumbbell is also a fool)
        ("alcohol", "drug"),  # what it is a kind of: would make questions no source covers look covered
        ("acupuncture", "treatment"),
        ("later", "lateral"),
    ],
)
def test_rarer_senses_and_kinds_are_not_other_names(word, not_related):
    assert not_related not in dict(relations.related(word))


@pytest.mark.parametrize(("word", "opposite"), [("faster", "slow"), ("increase", "decrease"), ("weaker", "strong"), ("worse", "better")])
def test_opposites(word, opposite):
    assert opposite in relations.opposites(word)


def test_a_word_never_stands_for_its_opposite():
    assert relations.base_forms("slower") & relations.opposites("faster")


@pytest.mark.parametrize(
    ("word", "broader", "not_broader"),
    [
        ("cannabis", "drug", "hemp"),  # the embedding put "drug" 0.64 from "cannabis": a kind is not the thing
        ("alcohol", "drug", "ethanol"),
        ("swimming", "sport", "swim"),
        ("dumbbells", "weight", "barbell"),
    ],
)
def test_broader_terms(word, broader, not_broader):
    assert broader in relations.broader(word)
    assert not_broader not in relations.broader(word)


@pytest.mark.parametrize(
    ("word", "thing"),
    [("vitamin", True), ("dumbbells", True), ("cost", True), ("hard", False), ("faster", False), ("walk", False), ("swimming", False)],
)
def test_a_thing_is_a_word_used_mostly_as_a_noun(word, thing):
    """By WordNet's counts of tagged uses: what a question asks about ("vitamin"), not how ("hard", "faster")."""
    assert relations.names_a_thing(word) is thing


@pytest.mark.parametrize(
    ("word", "change"),
    [
        ("improve", True),
        ("reduce", True),
        ("slow", True),
        ("prolong", True),
        ("help", False),
        ("lift", False),
        ("people", False),
        ("improved", False),
    ],
)
def test_a_verb_of_change_by_its_commonest_sense(word, change):
    """WordNet's lexname verb.change for the commonest verb sense, in the base form, used as a verb more than a noun."""
    assert relations.changes(word) is change
