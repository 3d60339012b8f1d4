"""One output row per (task, rewrite) pair, in each export format's shape.

The rewrite is always the preferred answer and the model's original the rejected one. The
context is the task's chat turns, or a user turn holding its plain prompt; when a task has both
turns and a prompt and the turns do not end with the user's turn, the prompt is added as one.

In the training formats the original's line breaks are written as "\n", like the rewrite's (the
editor works in "\n"): a pair must not differ only in CRLF, or a model learns line endings. The
``jsonl`` export (``core.records``) keeps the original byte for byte (its sha256 is in the record).
"""

from __future__ import annotations

from typing import Any

from workstation.core.models import Rewrite, Task

Turn = dict[str, str]
Row = dict[str, Any]


def _rejected(task: Task) -> str:
    """The original with CRLF, CR and Unicode line/paragraph separators as "\n"."""
    return (
        task.original.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


def _assistant(text: str) -> list[Turn]:
    return [{"role": "assistant", "content": text}]


def context_turns(task: Task) -> list[Turn]:
    """The chat turns before the answer: the task's messages, else its prompt as a user turn."""
    turns = [{"role": message.role, "content": message.content} for message in task.messages or ()]
    if task.prompt and (not turns or turns[-1]["role"] != "user"):
        turns.append({"role": "user", "content": task.prompt})
    return turns


def trl_preference_row(task: Task, rewrite: Rewrite) -> Row:
    """TRL preference: conversational when the task came with messages, else plain strings."""
    if task.messages:
        return {
            "prompt": context_turns(task),
            "chosen": _assistant(rewrite.text),
            "rejected": _assistant(_rejected(task)),
        }
    return {"prompt": task.prompt or "", "chosen": rewrite.text, "rejected": _rejected(task)}


def conversational_trl_row(row: Row) -> Row:
    """The conversational form of a plain TRL preference row (so one file uses one form)."""
    if isinstance(row["prompt"], list):
        return row
    prompt = row["prompt"]
    return {
        "prompt": [{"role": "user", "content": prompt}] if prompt else [],
        "chosen": _assistant(row["chosen"]),
        "rejected": _assistant(row["rejected"]),
    }


def sft_messages_row(task: Task, rewrite: Rewrite) -> Row:
    """Supervised fine-tuning ``messages``: the context, then the rewrite as the assistant's turn."""
    return {"messages": [*context_turns(task), *_assistant(rewrite.text)]}


def openai_dpo_row(task: Task, rewrite: Rewrite) -> Row:
    """OpenAI preference fine-tuning (DPO) line: ``input.messages``, preferred and non-preferred output."""
    return {
        "input": {"messages": context_turns(task)},
        "preferred_output": _assistant(rewrite.text),
        "non_preferred_output": _assistant(_rejected(task)),
    }
