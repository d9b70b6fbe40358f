"""The question read once, as a claim: everything later stages need of its wording, in one frozen record.

Retrieval reads the question's words (language/); from here on, what it claims is read from a `Claim`, made once
per answer by `judge/reading.claim_of` (api.py) and passed down: the judge's wording and which way round it asks (judge/claim.py),
what a null finding or a causal link answers (judge/finding.py), how far it reaches (judge/scope.Reach), whether it
makes its subject an excess (judge/stance.py), and how the lead and the side headings are worded. No stage after it
reads the question string for its meaning again; `text` is kept only to be quoted back in the lead. The record
imports nothing, so every stage that reads it can import it; what makes it (the parsers) lives in judge/reading.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Claim:
    """What one question claims, read from its own words (general English, no corpus knowledge)."""

    text: str  # the question as answered (a follow-up as understood), quoted back in the lead
    yes_or_no: bool  # it asks for a side ("Should I…?"), not for facts ("How often…?")
    asked: str  # as the judge reads it: the favourable way round where its evaluatives have clean opposites
    turned: bool  # so asked: the judge's side is turned back, and the lead and headings are worded mirrored
    unfavourable: bool  # it asks the unfavourable way round ("Is X harmful?"): a side on X is the other on the claim
    effect: str | None = None  # "effect" when it claims an effect or difference, "sameness" when none, else None
    brought_about: tuple[str, ...] = ()  # what it says X causes, leads to or increases ("more weakness"), lower-cased
    too_much: bool = False  # its own words make the subject an excess ("too much exercise", "exercising too hard")
    whole: bool = False  # it claims something of the whole ("altogether", "always")
    strong: tuple[str, ...] = ()  # the verbs of a strong claim ("cure", "cause", "prevent")
    claimed: tuple[str, ...] = ()  # the words naming what a strong claim says is cured or caused
    agent: tuple[str, ...] = ()  # the words naming what a strong claim says would do it ("stretching")
    harmed: tuple[str, ...] = ()  # what a claim of harm names as harmed ("nerves" in "damage my nerves")
    changed: tuple[str, ...] = ()  # what a claim of change names as changed ("survival" in "improve survival")
    compared: tuple[str, ...] = ()  # what a comparison sets the subject against ("stretching" in "better than stretching")
    lacking: tuple[str, ...] = ()  # what it goes without ("supervision" in "…without supervision")
