"""Short forms a document defines for itself, found as Schwartz and Hearst find them, and read in its sentences."""

from __future__ import annotations

import pytest

from assistant.language.abbreviations import both_forms, defined

from .conftest import hash_indexed


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "Atrial fibrillation (AF) is common after coronary artery bypass grafting (CABG).",
            {"AF": "Atrial fibrillation", "CABG": "coronary artery bypass grafting"},
        ),
        (
            "The 6-minute walk test (6MWT) and body mass index (BMI) were recorded.",
            {"6MWT": "6-minute walk test", "BMI": "body mass index"},
        ),
        ("The ALS Functional Rating Scale-Revised (ALSFRS-R) declined.", {"ALSFRS-R": "ALS Functional Rating Scale-Revised"}),
        ("Heart rate (HR) rose.", {"HR": "Heart rate"}),
        ("word " * 200 + "resting heart rate (HR) rose.", {"HR": "heart rate"}),  # far into a long text
        # Not definitions: a lower-case aside, a statistic, a table, letters that are not in the words before.
        ("We walked (daily) for an hour.", {}),
        ("Pain fell (P < 0.05), as shown (Table 2).", {}),
        ("Patients were seen at the clinic (UCLH).", {}),
        ("The first word (HR) only.", {}),
    ],
    ids=["two", "digits", "hyphen", "plain", "far-in", "aside", "statistic", "no-letters", "not-in-order"],
)
def test_definitions_found(text, pairs):
    assert defined(text) == pairs


def test_a_sentence_using_a_short_form_names_its_long_form(tmp_path):
    from assistant.language.words import stem

    index, _, _ = hash_indexed(
        tmp_path,
        {
            "study.txt": "Methods\n\nWe studied atrial fibrillation (AF) after surgery. AF was rare in the treated group. "
            "Atrial fibrillation was treated with drugs.\n",
            "other.txt": "Notes\n\nAF is a common label. Atrial fibrillation was not studied here.\n",
        },
    )
    rows = {s.text: n for n, s in enumerate(index.sentences)}
    assert {stem("atrial"), stem("fibrillation")} <= index.stems_of(rows["AF was rare in the treated group."])
    # The other document never defines AF: its "AF" is only letters.
    assert stem("atrial") not in index.stems_of(rows["AF is a common label."])
    # A sentence spelling the long form out names the short form its document defined, and only there.
    assert stem("af") in index.stems_of(rows["Atrial fibrillation was treated with drugs."])
    assert stem("af") not in index.stems_of(rows["Atrial fibrillation was not studied here."])


FORMS = {"AF": "atrial fibrillation", "CABG": "coronary artery bypass grafting"}


@pytest.mark.parametrize(
    "text, added",
    [
        ("AF after CABG was rare.", " atrial fibrillation coronary artery bypass grafting"),
        ("Atrial fibrillation was common.", " AF"),
        ("Atrial fibrillation (AF) was common.", ""),  # both forms already there
        ("A CAFE and an AFTERNOON.", ""),  # letters inside other words are not the short form
        ("af was rare.", ""),  # a short form is matched as its document writes it
        ("Nothing defined here.", ""),
    ],
    ids=["short-only", "long-only", "both", "inside-words", "lower-case", "neither"],
)
def test_both_forms_added_for_bm25(text, added):
    assert both_forms(text, FORMS) == text + added


def test_bm25_finds_a_sentence_by_the_form_it_does_not_use(tmp_path):
    """A build indexes each sentence with its document's other form: a search for the long form finds the sentence
    that only uses the short one, in the defining document and not in another."""
    index, _, _ = hash_indexed(
        tmp_path,
        {
            "study.txt": "Methods\n\nWe studied atrial fibrillation (AF) after surgery. AF was rare in the treated group.\n",
            "other.txt": "Notes\n\nAF is a common label in this unrelated note.\n",
        },
    )
    rows = {s.text: n for n, s in enumerate(index.sentences)}
    scores = index.sentence_bm25.scores("fibrillation")
    assert scores[rows["AF was rare in the treated group."]] > 0
    assert scores[rows["AF is a common label in this unrelated note."]] == 0
