"""Hostile rule files: values YAML cannot build, alias bombs, huge files and deep meta.json.

Each used to raise out of ``load_styles`` (a ValueError from the YAML loader, a RecursionError from
``json``) or to hang printing a value; each is now an issue naming the file, and the good rules load.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workstation.core.prose.style_pack import load_styles
from workstation.core.prose.vale_style import MAX_RULE_FILE_BYTES

GOOD = "extends: existence\nmessage: x\ntokens: [delve]\n"


def _alias_bomb(levels: int = 9) -> str:
    lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nextends: existence\nmessage: x\ntokens: *l{levels - 1}\n"


HOSTILE = {
    "ImpossibleDate": ("extends: existence\nmessage: x\ntokens: [2001-13-45]\n", "invalid YAML value"),
    "ImpossibleTimestamp": (
        'extends: existence\nmessage: x\ntokens: [!!timestamp "2001-02-30"]\n',
        "invalid YAML value",
    ),
    "TimestampTagOnText": (
        "extends: existence\nmessage: !!timestamp not a time\ntokens: [a]\n",
        "invalid YAML value",
    ),
    "HugeInteger": (
        "extends: existence\nmessage: x\nlimit: " + "9" * 5000 + "\ntokens: [a]\n",
        "invalid YAML value",
    ),
    "HugeTokenNumber": (
        "extends: existence\nmessage: x\ntokens: [" + "7" * 5000 + "]\n",
        "invalid YAML value",
    ),
    "AliasBomb": (_alias_bomb(), "'tokens' must be a list of strings"),
    "DeepFlow": ("extends: existence\nmessage: x\ntokens: " + "[" * 5000 + "]" * 5000 + "\n", "invalid YAML"),
    "UnhashableKey": ("? [a, b]\n: c\n", "invalid YAML"),
    "PythonTag": ("extends: existence\nmessage: !!python/object:os.system x\ntokens: [a]\n", "invalid YAML"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_rule_is_one_issue_and_the_rest_loads(make_style, name: str) -> None:
    body, said = HOSTILE[name]
    started = time.perf_counter()
    pack = make_style(Good=GOOD, **{name: body})
    assert time.perf_counter() - started < 5
    (issue,) = pack.errors
    assert issue.rule == f"Test.{name}" and issue.skipped
    assert said in issue.problem
    assert len(str(issue)) < 1000
    assert [rule.name for rule in pack.rules] == ["Test.Good"]


def test_a_rule_file_past_the_size_limit_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "Test"
    folder.mkdir()
    (folder / "Good.yml").write_text(GOOD)
    (folder / "Huge.yml").write_bytes(
        b"extends: existence\nmessage: x\ntokens: [" + b"a," * MAX_RULE_FILE_BYTES + b"]\n"
    )
    pack = load_styles([folder])
    (issue,) = pack.errors
    assert issue.rule == "Test.Huge" and "larger than" in issue.problem
    assert [rule.name for rule in pack.rules] == ["Test.Good"]


@pytest.mark.parametrize(
    ("meta", "said"),
    [
        ('{"rules": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"rules": {"Good": ' + "9" * 5000 + "}}", "cannot read meta.json"),
        (b"\xff\xfe{}", "cannot read meta.json"),
    ],
    ids=["deep", "huge-number", "not-utf8"],
)
def test_a_hostile_meta_json_is_a_notice_and_the_rules_load(
    tmp_path: Path, meta: str | bytes, said: str
) -> None:
    folder = tmp_path / "Test"
    folder.mkdir()
    (folder / "Good.yml").write_text(GOOD)
    (folder / "meta.json").write_bytes(meta if isinstance(meta, bytes) else meta.encode())
    pack = load_styles([folder])
    (issue,) = pack.errors
    assert said in issue.problem and not issue.skipped
    assert [rule.name for rule in pack.rules] == ["Test.Good"]
