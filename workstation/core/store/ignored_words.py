"""Words the writer chose to "Ignore in this task": kept per task in the data folder's store.

They live beside the task they belong to (an ``app_state`` value per task id), so they survive a
restart, travel with a backup of the data folder, and never reach another task or another data
folder. A damaged value reads as no ignored words rather than stopping the editor.
"""

from __future__ import annotations

from workstation.core.store.state import AppState

KEY_PREFIX = "spelling.ignored:"
"""``app_state`` key of a task's ignored words: the prefix and the task id."""


def ignored_words(state: AppState, task_id: str) -> tuple[str, ...]:
    """The words ignored in ``task_id``, as the writer clicked them, sorted case-insensitively."""
    value = state.get(KEY_PREFIX + task_id, [])
    words = [word for word in value if isinstance(word, str) and word] if isinstance(value, list) else []
    return tuple(sorted(set(words), key=str.casefold))


def ignore_word(state: AppState, task_id: str, word: str) -> tuple[str, ...]:
    """Add ``word`` to the words ignored in ``task_id`` and return them all.

    Raises ValueError for an empty word or one with white space in it.
    """
    cleaned = word.strip()
    if not cleaned or any(char.isspace() for char in cleaned):
        raise ValueError(f"not a single word: {word!r}")
    words = ignored_words(state, task_id)
    if cleaned.casefold() in {known.casefold() for known in words}:
        return words
    updated = tuple(sorted((*words, cleaned), key=str.casefold))
    state.set(KEY_PREFIX + task_id, list(updated))
    return updated
