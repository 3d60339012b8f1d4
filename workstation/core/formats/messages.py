"""Chat turns as the outside formats write them, checked and flattened to ``{role, content}``.

Content may be a string or a list of ``{"type": "text", "text": ...}`` parts (OpenAI's newer
shape); text parts are joined with newlines. Parts that are not text (images, audio) cannot be
shown to a writer, so they are reported rather than silently dropped.
"""

from __future__ import annotations

from workstation.core.formats.fields import kind_of
from workstation.core.formats.records import RecordProblem
from workstation.core.models import ROLES

__all__ = ["ROLES", "ChatTurn", "content_text", "parse_turn", "parse_turns", "split_last_assistant"]

ChatTurn = dict[str, str]
"""One checked turn: exactly the keys ``role`` and ``content``."""


def content_text(value: object, label: str) -> str:
    """The text of one turn's ``content``: a string, a list of text parts, or null (empty)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        texts: list[str] = []
        for index, part in enumerate(value):
            if isinstance(part, str):
                texts.append(part)
                continue
            if not isinstance(part, dict):
                raise RecordProblem(f"{label}[{index}] must be a text part object, got {kind_of(part)}")
            part_type = part.get("type", "text")
            if part_type not in ("text", "input_text", "output_text"):
                raise RecordProblem(
                    f'{label}[{index}] is a "{part_type}" part; only text parts can be imported'
                )
            text = part.get("text")
            if not isinstance(text, str):
                raise RecordProblem(f"{label}[{index}].text must be a string, got {kind_of(text)}")
            texts.append(text)
        return "\n".join(texts)
    raise RecordProblem(f"{label} must be a string or a list of text parts, got {kind_of(value)}")


def parse_turn(value: object, label: str) -> ChatTurn:
    """Check one ``{"role": ..., "content": ...}`` object and flatten its content."""
    if not isinstance(value, dict):
        raise RecordProblem(f"{label} must be an object with role and content, got {kind_of(value)}")
    role = value.get("role")
    if role not in ROLES:
        if not isinstance(role, str):
            raise RecordProblem(f"{label}.role is missing or not a string (got {kind_of(role)})")
        raise RecordProblem(f'{label}.role must be one of {", ".join(ROLES)}; got "{role}"')
    content = value.get("content")
    if isinstance(content, str):
        return {"role": role, "content": content}
    return {"role": role, "content": content_text(content, f"{label}.content")}


def parse_turns(value: object, label: str) -> list[ChatTurn]:
    """Check a list of chat turns; raises :class:`RecordProblem` naming the bad turn."""
    if not isinstance(value, list):
        raise RecordProblem(f'"{label}" must be a list of messages, got {kind_of(value)}')
    return [parse_turn(turn, f"{label}[{index}]") for index, turn in enumerate(value)]


def split_last_assistant(turns: list[ChatTurn], label: str) -> tuple[list[ChatTurn], str]:
    """Split a conversation into (context turns, text of the final assistant turn).

    The last assistant turn is the output to rewrite, so it must be the last turn: turns after it
    would be lost, and a conversation without one has nothing to rewrite.
    """
    if not turns:
        raise RecordProblem(f'"{label}" is empty; it needs an assistant turn to rewrite')
    last = turns[-1]
    if last["role"] != "assistant":
        if any(turn["role"] == "assistant" for turn in turns):
            raise RecordProblem(
                f'"{label}" ends with a {last["role"]} turn after the last assistant turn; '
                "the output to rewrite must be the final turn"
            )
        raise RecordProblem(f'"{label}" has no assistant turn to rewrite')
    return turns[:-1], last["content"]
