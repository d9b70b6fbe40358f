"""Key terms of a question against a corpus: weights, misspellings, abbreviations, meaning, and declining."""

from __future__ import annotations

import pytest

from assistant.language.coverage import coverage
from assistant.language.lexicon import Lexicon, rarity

# A small corpus on a topic the project's sources do not cover, worded as such documents are.
DOCS = {
    "a": "Gardening for older adults: Raking leaves and weeding raised beds count as moderate activity.",
    "b": "Gardening safety: Wear gloves when handling compost, and lift heavy watering cans with bent knees.",
    "c": "Pruning roses: Use clean secateurs and cut just above an outward-facing bud. Hoffmann and colleagues reported fewer thorn injuries.",
    "d": "Gardening and mood: Older adults who gardened weekly reported better mood than those who did not.",
    "e": "Before digging: Stretch each arm five times, in three sets of repetitions. Report any pain. Gardeners tired quickly.",
}
# Built from sentences, as the pipeline builds it.
LEX = Lexicon.from_texts((doc, sentence) for doc, text in DOCS.items() for sentence in text.split(". "))


def test_rarity_orders_words_by_how_much_they_say():
    assert rarity("the") < rarity("garden") < rarity("secateurs") < rarity("qwzxv") == 7.0


@pytest.mark.parametrize(
    "question, found",
    [
        ("Is weeding ok for my back?", {"weeding": "weeding", "back": None}),
        ("should i wear glvoes", {"wear": "wear", "glvoes": "gloves"}),  # a swap of two letters
        ("is pruining roses safe", {"pruining": "pruning", "roses": "roses"}),  # one letter too many;
        # "safe" is missing: the corpus has "safety", another stem
        ("what about secatuers", {"secatuers": "secateurs"}),
        ("What did Hoffmann find?", {"hoffmann": "hoffmann", "find": None}),
        ("Is composting risky?", {"composting": "composting"}),  # found by its stem, "compost"
        ("tiredness after digging", {"tiredness": "tired", "digging": "digging"}),  # a family the stemmer splits
        ("how many sets and reps", {"sets": "sets", "reps": "repetitions"}),  # not "report": not used with "sets"
        ("reps", {"reps": "repetitions"}),  # a common clipped form of an English word the corpus uses
        ("rep", {"rep": "repetition"}),  # the full form, as English writes it (the corpus has it by its stem)
        ("is my PT right", {"pt": None, "right": None}),  # the corpus has no therapy: nothing is guessed
        ("ofc", {"ofc": None}),  # with nothing to go by, a short abbreviation is not guessed
    ],
)
def test_terms_are_found_as_typed_respelled_or_missing(question, found):
    got = {t.typed: t.found for t in coverage(question, LEX).terms}
    assert got == found


def test_a_common_word_is_never_respelled_into_another():
    (term,) = coverage("food", LEX).terms  # "food" is English; it is not a misspelling of "mood"
    assert term.found is None


def test_meaning_can_stand_in_for_a_word_the_corpus_never_uses():
    cov = coverage("Are trowels safe?", LEX, stands_for={"trowels": ["secateurs"]})
    assert {t.typed: t.found for t in cov.terms}["trowels"] == "secateurs" and cov.covered


@pytest.mark.parametrize(
    "question, stands_for, quoted, unnamed",
    [
        # a thing found only as its stand-in: unnamed unless a quoted sentence names the stand-in
        ("Do trowels help with weeding pain?", {"trowels": ["secateurs"]}, "Report any pain.", ["trowels"]),
        ("Do trowels help with weeding pain?", {"trowels": ["secateurs"]}, "Use clean secateurs and cut just above a bud.", []),
        # how, not what: an adjective found by meaning is not the thing asked about
        ("Is weeding faster on raised beds?", {"faster": ["quickly"]}, "Raking leaves and weeding raised beds count.", []),
        ("Is weeding good exercise?", {}, "Report any pain.", []),  # nothing stood in
    ],
    ids=["stand-in-unnamed", "stand-in-named", "adjective", "none"],
)
def test_a_thing_found_only_by_meaning_is_unnamed_where_no_quote_names_its_stand_in(question, stands_for, quoted, unnamed):
    """ "does vitamin d help with als weakness" was searched as "supplement" and answered "Yes" from sentences on
    weakness that name no supplement (first sight, 2026-12-07c)."""
    from assistant.language.lexicon import words_of
    from assistant.language.words import stem

    cov = coverage(question, LEX, stands_for=stands_for)
    stems = frozenset(stem(w) for w in words_of(quoted))
    assert [t.typed for t in cov.unnamed_by([stems])] == unnamed


@pytest.mark.parametrize(
    "question, covered, missing",
    [
        ("Is weeding good exercise?", True, {"exercise"}),
        ("Does acupuncture help with weeding pain?", False, {"acupuncture", "help"}),
        ("Is hydroponic lettuce safe?", False, {"hydroponic", "lettuce"}),
        ("my husband says pruning roses is fine, is it?", True, {"husband", "says"}),
        ("What is the capital of France?", False, {"capital", "france"}),
    ],
)
def test_declined_only_when_what_the_question_is_most_about_is_missing(question, covered, missing):
    cov = coverage(question, LEX)
    assert cov.covered is covered
    assert {t.typed for t in cov.missing} == missing


def test_words_every_document_uses_tell_sources_apart_less():
    cov = coverage("gardening weeding", LEX)
    terms = {t.typed: t for t in cov.terms}
    assert terms["gardening"].specificity < terms["gardening"].weight  # in 3 of 5 documents
    assert terms["weeding"].specificity == terms["weeding"].weight
    assert cov.share(LEX.doc_stems["a"]) == 1.0 and 0 < cov.share(LEX.doc_stems["b"]) < 0.5


@pytest.mark.parametrize(
    "question, who",
    [
        ("Is raking good for people with arthritis?", {"people", "arthritis"}),
        ("Should I prune roses if I have a bad back?", {"back"}),
        ("Is weeding safe for someone living with heart disease", {"someone", "living", "heart", "disease"}),
        ("Is weeding safe in older adults?", set()),  # a setting, not a condition: it still tells sources apart
    ],
)
def test_who_is_asking_counts_less_in_telling_sources_apart(question, who):
    terms = {t.typed: t for t in coverage(question, LEX).terms}
    assert {w for w, t in terms.items() if t.specificity < 0.5 * t.weight and LEX.spread(t.found or w) < 0.5} == who


@pytest.mark.parametrize(
    "question",
    [
        "Is weeding safe?",
        "Is weeding harmful?",
        "Should I avoid weeding?",
        "shud i do weeding",
        "Is weeding a bad idea now that I am retired?",
    ],
)
def test_the_claims_own_words_and_misspelt_framing_are_not_key_terms(question):
    assert [t.typed for t in coverage(question, LEX).terms if t.specificity >= 0.5 * t.weight] in (["weeding"], ["weeding", "idea"])


# Words of one family that the stemmer keeps apart, and words that only share letters.
KIN = Lexicon.from_texts(
    (str(n), text)
    for n, text in enumerate(
        [
            "Strength and strengthening the legs.",
            "Training helps.",
            "Heartburn after meals.",
            "People with heart disease.",
            "Tiredness passes.",
        ]
    )
)


@pytest.mark.parametrize(
    "word, kin",
    [
        ("strength", ("strengthen",)),  # "strengthening" → strengthen: another stem of the same family
        ("strengthening", ("strength",)),  # and back to its root
        ("heart", ()),  # "heartburn": shared letters, not an English ending
        ("tired", ("tired",)),  # "tiredness" → tired; "tired" itself → tire
        ("train", ()),  # under five letters of root
    ],
)
def test_kin_are_words_of_one_family_the_stemmer_splits(word, kin):
    assert KIN.kin(word) == kin


@pytest.mark.parametrize(
    "sentence, share",
    [
        ("Strengthening and training the legs.", 1.0),  # "strength" by its family, "training" as typed
        ("People with heart disease.", 0.0),  # who the question is about is not what it claims
        ("Training helps.", None),  # part of the claim
    ],
)
def test_claim_share_counts_families_and_not_who_is_asking(sentence, share):
    from assistant.language.lexicon import words_of
    from assistant.language.words import stem

    cov = coverage("Is strength training safe for people with heart disease?", KIN)
    got = cov.claim_share({stem(w) for w in words_of(sentence)})
    assert got == share if share is not None else 0.0 < got < 1.0


@pytest.mark.parametrize(
    "question, searched",
    [
        ("should i wear glvoes", "should i wear gloves?"),  # respelled
        ("tiredness after digging???", "tired after digging?"),  # a family the stemmer splits: searched as the corpus
        # writes it, as "Searched for" says ("tired (you typed ‘tiredness’)"); BM25 would match neither form to the other
        ("Is composting risky", "Is composting risky?"),  # the same stem: left as typed
        ("is my PT right", "is my PT right?"),  # missing: left as typed
    ],
)
def test_the_question_is_searched_in_the_corpus_words_it_was_read_as(question, searched):
    assert coverage(question, LEX).corrected(question) == searched


# "Compost" is in four of five documents: it hardly tells them apart, yet it still names what a question asks.
SPREAD = Lexicon.from_texts(
    (doc, text)
    for doc, text in {
        "a": "Compost keeps beds moist.",
        "b": "Turn compost weekly.",
        "c": "Compost heaps attract rats.",
        "d": "Work compost into clay soil.",
        "e": "Work with arthritis is hard for people.",
    }.items()
)


@pytest.mark.parametrize(
    "question, sentence, names",
    [
        # A rare word of English names the question however many documents use it (it was judged by how well it
        # told documents apart, so "cardio" → "cardiovascular", in four of five sources on exercise, named nothing).
        ("Is compost good?", "Compost heaps attract rats.", True),
        ("Is compost good?", "Turn the beds weekly.", False),
        # Who is asking is not what is asked: "arthritis" names them, and "work" is too common to name anything.
        ("Does work help people with arthritis?", "Work with arthritis is hard for people.", False),
    ],
)
def test_a_rare_word_names_the_question_however_many_documents_use_it(question, sentence, names):
    from assistant.language.lexicon import words_of
    from assistant.language.words import stem

    cov = coverage(question, SPREAD)
    assert cov.names({stem(w) for w in words_of(sentence)}, 0.5) is names, cov.terms


@pytest.mark.parametrize(
    "question, who",
    [
        ("Is it safe for people with arthritis to rake leaves?", {"people", "arthritis"}),  # "to" starts what is asked
        ("Is raking good for people with arthritis?", {"people", "arthritis"}),
        # As the subject, the condition's last word is the question's verb, and a framing or judging word ends it.
        ("Should people with arthritis weed instead of raking?", {"people", "arthritis"}),
        ("Should people with weak knees garden?", {"people", "weak", "knees"}),
        ("Should people with arthritis avoid weeding?", {"people", "arthritis"}),
        ("Do patients with rheumatoid arthritis really enjoy gardening?", {"patients", "rheumatoid", "arthritis"}),
        ("Is weeding ok now that I have been diagnosed?", {"diagnosed"}),
        # Not known: where a verb of two words starts ("Should people with arthritis rake leaves?" reads "rake" as who).
    ],
)
def test_who_is_asking_ends_where_what_is_asked_begins(question, who):
    assert {t.typed for t in coverage(question, LEX).terms if t.who} == who
