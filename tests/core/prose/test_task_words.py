"""A task's own words (prompt, chat context, original) are right in its rewrite and only there;
a typo copied from the original stays marked, a word the writer ignored is accepted whatever it is."""

from __future__ import annotations

import time

from tests.spelling_dictionaries import checker_for
from workstation.core.models import Message, Task, sha256_text
from workstation.core.prose.task_words import ignored_vocabulary, task_vocabulary


def make_task(
    task_id: str, original: str, prompt: str | None = None, messages: tuple[Message, ...] = ()
) -> Task:
    return Task(
        id=task_id,
        seq=1,
        project="P",
        prompt=prompt,
        messages=messages or None,
        original=original,
        original_sha256=sha256_text(original),
    )


REWRITE = "Dear Mrs Okonkwo, the Zentrix’s lid and the Quorvane app are fixed. Teh end."


def _flagged(task: Task, text: str = REWRITE, ignored: tuple[str, ...] = ()) -> list[str]:
    found = checker_for().misspelled_spans(
        text, task_words=task_vocabulary(task), accepted=ignored_vocabulary(ignored)
    )
    return [word.word for word in found]


def test_names_from_the_prompt_and_original_are_accepted_in_that_task() -> None:
    task = make_task("t1", "Zentrix lids crack, says the Quorvane team.", prompt="Write to Mrs Okonkwo.")
    assert _flagged(task) == ["Teh"]


def test_another_task_still_flags_them() -> None:
    other = make_task("t2", "Kettles boil water.", prompt="Write about kettles.")
    assert _flagged(other) == ["Okonkwo", "Zentrix’s", "Quorvane", "Teh"]


def test_a_typo_in_the_original_is_still_marked_in_the_rewrite() -> None:
    task = make_task("t3", "Teh kettle and the recieve button of the Zentrix.", prompt="Fix this.")
    assert _flagged(task, "Teh Zentrix kettle: recieve it, Zentrix.") == ["Teh", "recieve"]
    assert _flagged(task, "Teh kettle.", ignored=("teh",)) == []  # unless the writer says otherwise


def test_chat_context_and_ignored_words_count() -> None:
    chat = (Message(role="system", content="You help Quorvane."), Message(role="user", content="Hi"))
    task = make_task("t4", "Hello.", messages=chat)
    assert "quorvane" in task_vocabulary(task)
    assert _flagged(task, ignored=("Okonkwo", "Zentrix")) == ["Teh"]


def test_telling_a_name_from_a_typo_takes_about_a_millisecond() -> None:
    checker = checker_for()
    started = time.perf_counter()
    typos = [checker.is_likely_typo(word) for word in ("Okonkwo", "Zentrix", "Quorvane", "teh", "recieve")]
    assert typos == [False, False, False, True, True]
    assert time.perf_counter() - started < 0.5
