"""Spelling from a dictionary: a real English word is never respelled; a word that is not one is, into a corpus word."""

import pytest

from assistant.language.lexicon import Lexicon, respelled_as
from assistant.language.spelling import Speller, is_english, slip_for
from assistant.language.words import stem

CORPUS = [
    ("a", "Working out with weights and stretching exercises help; avoid exhaustive training."),
    ("b", "Swimming and walking are aerobic; lateral sclerosis; the table shows muscles often weakened."),
    ("c", "Patients should stop exercising when they get tired; physiotherapy and repetitions been shown."),
]
LEX = Lexicon.from_texts(CORPUS)


@pytest.mark.parametrize(
    "word",
    # Real English words the corpus lacks, each one or two edits (or a prefix) from a corpus word: left as typed.
    ["tablets", "later", "bees", "arms", "diet", "jab", "cardio", "dumbbells", "wiped", "tables", "walker", "swim"],
)
def test_a_real_word_is_never_respelled(word):
    assert is_english(word)
    assert LEX.respell(word) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("weigths", "weights"),  # two letters swapped
        ("excercise", "exercise"),  # one letter too many (the corpus has "exercising": same stem)
        ("trainning", "training"),  # found by its stem as typed ("train")
        ("musles", "muscles"),  # one letter missing
        ("swimmin", "swimming"),  # a corpus word it begins
        ("exausted", "exhausted"),  # the correction, a word the corpus uses by its stem ("exhaustive")
        ("ofen", "often"),  # among equals at one edit (open, oven, often), the corpus's word
        ("shoudl", "should"),
    ],
)
def test_a_word_that_is_not_english_is_respelled_into_the_corpus(typed, meant):
    assert not is_english(typed)
    found = LEX.find(typed)
    assert found is not None and stem(found) == stem(meant)


@pytest.mark.parametrize("word", ["keto", "bipap", "ofc", "pt"])
def test_a_non_word_with_no_corpus_word_near_is_not_guessed(word):
    assert LEX.respell(word) is None


@pytest.mark.parametrize(
    ("typed", "closed", "slip"),
    [("wat", "what", True), ("wen", "when", True), ("now", "how", False), ("that", "what", False), ("there", "where", False)],
)
def test_a_rare_word_next_to_a_far_commoner_question_word_is_a_slip(typed, closed, slip):
    assert slip_for(typed, closed) is slip
    assert (respelled_as(typed, (closed,), edits=1, shortest=2) == closed) is slip


def test_the_speller_knows_corpus_words_the_dictionary_lacks():
    speller = Speller(["riluzole", "alsfrs"])
    assert speller.knows("riluzole") and speller.correct("riluzol") == "riluzole"


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("shoudl i keep goign when im exausted", "should i keep going when im exhausted?"),  # every non-word as meant
        ("is a keto diet ok", "is a keto diet ok?"),  # "keto" (Zipf 3.0) is likelier than "keno" (2.4) a slip away
        ("can i use my bipap", "can i use my bipap?"),  # "bias" is two slips away: "bipap" stays
    ],
)
def test_the_question_is_searched_with_each_non_word_as_meant(question, searched):
    from assistant.language.coverage import coverage

    assert coverage(question, LEX).corrected(question) == searched


@pytest.mark.parametrize(
    ("word", "rooted"),
    [
        ("mammographic", True),  # "mammography": a family the stemmer splits, spoken of in another form
        ("exhaustively", True),
        ("reperfusion-induced", False),  # a part no text uses
        ("swimming-induced", True),  # each part known
        ("tablet", True),  # shares "table": only a sign, never a reading ("tablets" is not respelled)
        ("creatine", False),
    ],
)
def test_a_word_spoken_of_in_another_form_shares_a_root(word, rooted):
    lex = Lexicon.from_texts([*CORPUS, ("d", "Mammography and induced swimming.")])
    assert lex.shares_root(word) is rooted
