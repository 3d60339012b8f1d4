"""Which dictionary checks a task: the project's language, the writer's choice, or none, said so."""

from __future__ import annotations

import pytest

from workstation.core.prose.spelling_language import FOLLOW_PROJECT, choose_spelling_language

SHIPPED = ("en-GB", "en-US")


@pytest.mark.parametrize(
    ("project", "preference", "language", "sentence"),
    [
        ("en-GB", FOLLOW_PROJECT, "en-GB", "Spelling: British English (en-GB), the project's language."),
        ("en-US", FOLLOW_PROJECT, "en-US", "Spelling: US English (en-US), the project's language."),
        (None, FOLLOW_PROJECT, "en-US", "Spelling: US English (en-US), the project's language."),
        ("en-US", "en-GB", "en-GB", "Spelling: British English (en-GB), chosen in Preferences."),
        ("en-GB", "de-DE", "en-GB", "Spelling: British English (en-GB), the project's language."),
        ("en", FOLLOW_PROJECT, "en-US", "Spelling: US English (en-US), for the project's language en."),
    ],
)
def test_the_language_in_use_and_why(
    project: str | None, preference: str, language: str, sentence: str
) -> None:
    chosen = choose_spelling_language(project, preference, SHIPPED)
    assert (chosen.language, chosen.sentence) == (language, sentence)


def test_a_language_without_a_dictionary_turns_spelling_off_and_says_how_to_choose() -> None:
    chosen = choose_spelling_language("en-AU", FOLLOW_PROJECT, SHIPPED)
    assert chosen.language is None
    assert chosen.sentence == (
        "Spelling is off: there is no dictionary for en-AU, the project's language (available: "
        "British English (en-GB), US English (en-US); choose one in Preferences ▸ Prose)."
    )
    assert choose_spelling_language("fr", FOLLOW_PROJECT, ()).sentence.startswith(
        "Spelling is off: there is no dictionary for fr, the project's language (available: none;"
    )
