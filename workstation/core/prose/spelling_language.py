"""Which dictionary checks a task: the project's language, unless the writer chose one.

Every project names its language (``Project.language``, "en-US" unless its project file says
otherwise). The writer's preference is "follow the project" by default; choosing a language in
Preferences overrides every project's (a UK writer on a US project who wants British spelling
anyway). A language the app has no dictionary for turns spelling off and says so, rather than
checking British text against an American word list: en-AU is not silently en-GB.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from workstation.core.models import DEFAULT_LANGUAGE

FOLLOW_PROJECT = ""
"""The preference that follows each project's language."""

LANGUAGE_NAMES = {"en-US": "US English", "en-GB": "British English"}
"""How a shipped dictionary's language is named on screen; others show their tag."""


def language_name(tag: str) -> str:
    """The on-screen name of a tag ("British English" for "en-GB"); the tag itself if it has none."""
    return LANGUAGE_NAMES.get(tag, tag)


@dataclass(frozen=True)
class SpellingLanguage:
    """The dictionary to check with (None: spelling is off) and the sentence that says why."""

    language: str | None
    sentence: str


def choose_spelling_language(
    project_language: str | None, preference: str, shipped: Collection[str]
) -> SpellingLanguage:
    """The language to check a task in, from its project's language (None: the task has no
    project on record, so the default), the writer's ``preference`` (:data:`FOLLOW_PROJECT` or a
    tag) and the ``shipped`` dictionaries' tags. A preference for a dictionary that is not
    shipped (a setting left from another version) is passed over."""
    if preference != FOLLOW_PROJECT and preference in shipped:
        return SpellingLanguage(preference, f"Spelling: {_described(preference)}, chosen in Preferences.")
    wanted = project_language or DEFAULT_LANGUAGE
    if wanted in shipped:
        return SpellingLanguage(wanted, f"Spelling: {_described(wanted)}, the project's language.")
    same_language = [tag for tag in shipped if "-" not in wanted and tag.split("-")[0] == wanted]
    if same_language:
        chosen = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in same_language else sorted(same_language)[0]
        return SpellingLanguage(
            chosen, f"Spelling: {_described(chosen)}, for the project's language {wanted}."
        )
    available = ", ".join(_described(tag) for tag in sorted(shipped)) or "none"
    return SpellingLanguage(
        None,
        f"Spelling is off: there is no dictionary for {wanted}, the project's language "
        f"(available: {available}; choose one in Preferences ▸ Prose).",
    )


def _described(tag: str) -> str:
    name = language_name(tag)
    return name if name == tag else f"{name} ({tag})"
