"""Follow-up questions, as patients type them: what each leans on, and what stands alone."""

import pytest

from assistant.language.followup import Conversation, as_verb, subject_words, understand
from assistant.results import Reading, Understood

ALONE, INHERITS, SWAPS = Reading.ALONE, Reading.INHERITS, Reading.SWAPS


def said(question: str) -> Understood:
    return Understood(question, question)


# (earlier question, follow-up, how it reads, what is answered). Lower case, typos, no question marks, as typed.
PAIRS = [
    ("is swimming ok", "and how often?", INHERITS, "how often — swimming"),
    ("is swimming ok", "how often", INHERITS, "how often — swimming"),
    ("is swimming ok", "and for how long", INHERITS, "for how long — swimming"),
    ("is swimming ok", "ok so how much", INHERITS, "how much — swimming"),
    ("is swimming ok", "what kind?", INHERITS, "what kind — swimming"),
    ("is swimming ok", "any risks?", INHERITS, "any risks — swimming"),
    ("is swimming ok", "is that safe for me?", INHERITS, "is swimming safe for me?"),
    ("is swimming ok", "and is that safe", INHERITS, "and is swimming safe"),
    ("is swimming ok", "is it ok every day", INHERITS, "is swimming ok every day"),
    ("is swimming ok", "can i do it at home", INHERITS, "can i do swimming at home"),
    ("is swimming ok", "shoud my wife do it too", INHERITS, "shoud my wife do swimming too"),
    ("is swimming ok", "how about in the evening", INHERITS, "is swimming ok in the evening?"),
    ("Can I do yoga?", "and how hard", INHERITS, "how hard — yoga"),
    ("is swimming ok", "what about yoga?", SWAPS, "is yoga ok"),
    ("is swimming ok", "and yoga", SWAPS, "is yoga ok"),
    ("is swimming ok", "or cycling instead", SWAPS, "is cycling ok"),
    ("is swimming ok", "What about  tai chi", SWAPS, "is tai chi ok"),
    # Where the earlier subject was something to do, the new one is put as a person would write it.
    ("Should I lift weights?", "how about stretching?", SWAPS, "Should I stretch?"),
    ("should I lift weights?", "what about swimming?", SWAPS, "should I swim?"),
    ("Should I lift weights?", "and cycling?", SWAPS, "Should I cycle?"),
    ("Should I lift weights?", "what about yoga?", SWAPS, "Should I do yoga?"),
    ("Can people with ALS lift weights?", "what about tai chi", SWAPS, "Can people with ALS do tai chi?"),
    ("is it safe for me to lift weights", "and swimming", SWAPS, "is it safe for me to swim"),
    ("Should I try lifting weights?", "what about swimming?", SWAPS, "Should I try swimming?"),
    ("is swimming ok", "is yoga ok", ALONE, "is yoga ok"),
    ("is swimming ok", "how many reps for weights", ALONE, "how many reps for weights"),
    ("is swimming ok", "what if i feel dizzy", ALONE, "what if i feel dizzy"),
    ("is swimming ok", "Is stretching harmful?", ALONE, "Is stretching harmful?"),
    ("is swimming ok", "what about stretching, is it safe?", ALONE, "what about stretching, is it safe?"),
    ("is swimming ok", "wat about walking and is it tiring", ALONE, "wat about walking and is it tiring"),
    ("is it ok", "and how often?", ALONE, "and how often?"),  # nothing before to lean on
]


@pytest.mark.parametrize("earlier, typed, reading, question", PAIRS, ids=[f"{e}→{t}" for e, t, _, _ in PAIRS])
def test_a_follow_up_takes_what_it_leaves_out_from_the_question_before(earlier, typed, reading, question):
    understood = understand(typed, said(earlier))
    assert (understood.reading, understood.question) == (reading, question)
    assert understood.typed == typed


def test_a_first_question_stands_alone():
    assert understand("and how often?", None) == Understood("and how often?", "and how often?")


@pytest.mark.parametrize(
    "question, words",
    [
        ("Should I lift weights?", "lift weights"),
        ("is swimming ok", "swimming"),
        ("Can I swim or exercise in a pool?", "swim or exercise in a pool"),
        ("how often — yoga", "yoga"),
        ("is it ok?", ""),
    ],
)
def test_the_subject_taken_is_the_users_own_words(question, words):
    assert subject_words(question) == words


def test_the_note_says_how_the_question_was_read_in_the_users_words():
    understood = understand("and how often?", said("is swimming ok"))
    assert understood.note() == "Understood as: how often — swimming (“swimming” from your earlier question “is swimming ok”)"
    swapped = understand("what about yoga?", said("is swimming ok"))
    assert swapped.note() == "Understood as: is yoga ok (your earlier question “is swimming ok”, asked about yoga)"
    swim = understand("what about swimming?", said("should I lift weights?"))
    assert swim.note() == "Understood as: should I swim? (your earlier question “should I lift weights?”, asked about swimming)"


@pytest.mark.parametrize(
    "subject, verb",
    [("swimming", "swim"), ("cycling", "cycle"), ("stretching", "stretch"), ("running", "run"), ("dancing", "dance")]
    + [("yoga", "do yoga"), ("tai chi", "do tai chi"), ("weight training", "do weight training"), ("aqua therapy", "do aqua therapy")],
)
def test_a_new_subject_in_place_of_something_to_do_reads_as_a_person_would_write_it(subject, verb):
    assert as_verb(subject) == verb


def test_a_conversation_leans_on_its_last_answered_question_and_forgets_when_cleared():
    conversation = Conversation()
    conversation.answered(conversation.understand("is swimming ok"))
    yoga = conversation.understand("what about yoga?")
    conversation.answered(yoga)
    assert conversation.understand("how often").question == "how often — yoga"  # a chain leans on the last reading
    conversation.clear()
    assert conversation.understand("how often").reading is ALONE


def test_an_answer_says_how_a_follow_up_was_read_and_a_fact_question_takes_no_sides(real_assistant):
    conversation = Conversation()
    first = real_assistant.ask("is swimming ok", conversation=conversation)
    assert first.answered and first.understood_as is None
    follow = real_assistant.ask("and how often?", conversation=conversation)
    assert follow.question == "and how often?" and follow.understood_as.question == "how often — swimming"
    assert follow.verdict == "factual" and not follow.disagreement
    assert follow.to_dict()["understood_as"]["note"].startswith("Understood as: how often — swimming")
    written = real_assistant.ask("and how often?", conversation=conversation, as_written=True)
    assert written.understood_as is None
    assert real_assistant.ask("is that safe?", conversation=conversation).understood_as.reading is INHERITS


def test_a_question_asking_whether_not_to_is_answered_without_its_not(real_assistant):
    answer = real_assistant.ask("Should I not stop when I get tired?")
    assert answer.understood_as.reading is Reading.UNNEGATED
    assert answer.understood_as.note() == (
        "Understood as: Should I stop when I get tired? (your question “Should I not stop when I get tired?” without “not”: "
        "yes and no answer this)"
    )
    assert "“Should I stop when I get tired?”" in answer.lead  # the lead's yes or no is to the question it quotes
    assert answer.stances and answer.stances[0].stance == "for"  # the website: stop when tired
    written = real_assistant.ask("Should I not stop when I get tired?", as_written=True)
    assert written.understood_as is None and written.stances[0].stance == "against"


def test_a_question_about_doing_one_thing_instead_of_another_is_answered_about_what_is_given_up(real_assistant):
    # Answered as typed, the sources' praise of exercise was read as yes to resting instead (4 sources).
    answer = real_assistant.ask("Should people with ALS rest instead of exercising?")
    assert answer.understood_as.reading is Reading.INSTEAD
    assert answer.understood_as.note() == (
        "Understood as: Is exercising recommended for people with ALS? (your question “Should people with ALS rest "
        "instead of exercising?” asks whether to rest in its place)"
    )
    assert answer.lead.startswith("Yes") and "“Is exercising recommended for people with ALS?”" in answer.lead
    written = real_assistant.ask("Should people with ALS rest instead of exercising?", as_written=True)
    assert written.understood_as is None and written.lead.startswith("No.")


def test_a_declined_question_does_not_join_the_thread(real_assistant):
    conversation = Conversation()
    real_assistant.ask("is swimming ok", conversation=conversation)
    declined = real_assistant.ask("what about acupuncture?", conversation=conversation)
    assert not declined.answered and declined.understood_as.question == "is acupuncture ok"
    assert real_assistant.ask("how often", conversation=conversation).as_understood == "how often — swimming"
