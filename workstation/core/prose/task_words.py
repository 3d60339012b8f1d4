"""The words a task accepts: every word of its prompt, chat context and original, and the words the
writer chose to "Ignore in this task".

A prompt that names a person, a product or a place ("Write to Mrs Okonkwo about the Zentrix
500") makes those words right for this task's rewrite, though no dictionary has them; they stay
unknown in every other task. The spell checker still marks a task word that looks like a typo
(see :meth:`~workstation.core.prose.spelling.SpellChecker.is_likely_typo`); an ignored word is
accepted whatever it looks like.
"""

from __future__ import annotations

from collections.abc import Iterable

from workstation.core.models import Task
from workstation.core.prose.spelling import normalised_word, words_in


def task_vocabulary(task: Task) -> frozenset[str]:
    """Every word of the task's prompt, messages and original, normalised for comparison."""
    texts = [task.prompt, task.original, *(message.content for message in task.messages or ())]
    return words_in(texts)


def ignored_vocabulary(ignored: Iterable[str]) -> frozenset[str]:
    """Words ignored in a task, normalised for comparison."""
    return frozenset(normalised_word(word) for word in ignored)
