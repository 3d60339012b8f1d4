"""``workstation lint``: output lines, JSON, exit codes and clear errors, run headless."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from workstation.cli import lint as lint_command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workstation")
    subparsers = parser.add_subparsers(dest="command")
    lint_command.register(subparsers)
    return parser


def _run(argv: list[str], stdin_bytes: bytes = b"") -> tuple[int, str, str]:
    args = _parser().parse_args(argv)
    stdin = io.TextIOWrapper(io.BytesIO(stdin_bytes), encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    code = args.handler(args, stdin=stdin, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _write(tmp_path: Path, text: str, name: str = "draft.txt") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_register_sets_the_handler() -> None:
    args = _parser().parse_args(["lint", "file.txt", "--json"])
    assert args.handler is lint_command.run_lint
    assert args.json and args.style is None


def test_findings_print_as_path_line_column_level_rule_message(tmp_path: Path) -> None:
    path = _write(tmp_path, "A plain first line.\r\n😀 We delve into it.\r\n")
    code, out, err = _run(["lint", path])
    assert err == ""
    assert out == (
        f"{path}:2:6: warning Workstation.OverusedWords "
        "'delve' is a word models overuse. Say it plainly or cut it.\n"
    )
    assert code == 0  # warnings only


def test_error_level_findings_exit_1(tmp_path: Path) -> None:
    code, out, _ = _run(["lint", _write(tmp_path, "Certainly! Here it is.")])
    assert code == 1
    assert ":1:1: error Workstation.FillerOpeners 'Certainly!' is chat filler." in out


def test_clean_text_exits_0_and_prints_nothing(tmp_path: Path) -> None:
    assert _run(["lint", _write(tmp_path, "The pump ran all night.")]) == (0, "", "")


def test_standard_input(tmp_path: Path) -> None:
    code, out, _ = _run(["lint", "-"], stdin_bytes=b"I hope this helps!")
    assert code == 1
    assert out.startswith("<stdin>:1:1: error Workstation.FillerClosers")


def test_json_output_has_findings_with_positions_and_metrics(tmp_path: Path) -> None:
    path = _write(tmp_path, "Line one.\nWe utilize tools.\n")
    code, out, _ = _run(["lint", path, "--json"])
    document = json.loads(out)
    assert code == 0
    assert document["path"] == path
    (finding,) = document["findings"]
    assert finding | {} == {
        "start": 13,
        "end": 20,
        "rule": "Workstation.Buzzwords",
        "category": "buzzwords",
        "level": "warning",
        "message": "Use 'use' instead of 'utilize'.",
        "matched": "utilize",
        "suggestions": ["use"],
        "line": 2,
        "column": 4,
    }
    assert document["metrics"]["words"] == 5
    assert document["metrics"]["robotic_density_per_1000_words"] == 200.0
    assert document["style_errors"] == [] and document["problems"] == []


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffWe delve.".encode())
    code, out, _ = _run(["lint", str(path)])
    assert ":1:4: warning" in out and code == 0


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: str(tmp / "missing.txt"), "no such file"),
        (lambda tmp: str(tmp), "is a folder"),
        (lambda tmp: _write_bytes(tmp, b"caf\xe9 latin-1"), "not UTF-8 text"),
    ],
)
def test_input_problems_exit_2_with_a_message_and_no_traceback(
    tmp_path: Path, make_path, message: str
) -> None:
    code, out, err = _run(["lint", make_path(tmp_path)])
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def _write_bytes(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "latin1.txt"
    path.write_bytes(data)
    return str(path)


def test_style_folder_and_styles_path(tmp_path: Path) -> None:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    rule = "extends: existence\nmessage: \"No '%s'.\"\nlevel: error\ntokens: [synergy]\n"
    (style / "Banned.yml").write_text(rule)
    text = _write(tmp_path, "Synergy? No, synergy.")
    for style_arg in (tmp_path / "styles", style):
        code, out, _ = _run(["lint", text, "--style", str(style_arg)])
        assert code == 1
        assert out.splitlines() == [f"{text}:1:14: error House.Banned No 'synergy'."]


def test_broken_rules_are_reported_and_the_rest_still_run(tmp_path: Path) -> None:
    style = tmp_path / "House"
    style.mkdir()
    (style / "Good.yml").write_text("extends: existence\nmessage: x\ntokens: [delve]\n")
    (style / "Bad.yml").write_text("extends: existence\nmessage: [oops\n")
    code, out, err = _run(["lint", _write(tmp_path, "We delve."), "--style", str(style)])
    assert code == 0
    assert "House.Good" in out
    assert "style error:" in err and "Bad.yml" in err and "House.Bad" in err and "invalid YAML" in err


def test_style_problems_that_leave_no_rules_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    text = _write(tmp_path, "We delve.")
    code, _, err = _run(["lint", text, "--style", str(empty)])
    assert code == 2 and "no usable rules" in err
    code, _, err = _run(["lint", text, "--style", str(tmp_path / "nowhere")])
    assert code == 2 and "style folder not found" in err


def test_disable_a_category(tmp_path: Path) -> None:
    text = _write(tmp_path, "Certainly! We delve.")
    code, out, _ = _run(["lint", text, "--disable", "filler"])
    assert code == 0 and "FillerOpeners" not in out and "OverusedWords" in out
    code, _, err = _run(["lint", text, "--disable", "nonsense"])
    assert code == 2 and "unknown category nonsense" in err


def test_missing_path_is_an_argparse_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        _parser().parse_args(["lint"])
    assert exit_info.value.code == 2


CODE_SAMPLE = "Plain words.\n\n```\nWe delve into it.\n```\n\nThe `delve` command.\n"


@pytest.mark.parametrize(
    ("name", "extra", "flagged"),
    [
        ("draft.md", [], False),  # Markdown: code is not prose
        ("draft.txt", [], True),  # plain text, as Vale reads .txt
        ("draft.txt", ["--markup", "markdown"], False),
        ("draft.md", ["--markup", "text"], True),
    ],
)
def test_markdown_code_is_skipped_unless_the_text_is_plain(
    tmp_path: Path, name: str, extra: list[str], flagged: bool
) -> None:
    code, out, err = _run(["lint", _write(tmp_path, CODE_SAMPLE, name), *extra])
    assert err == "" and code == 0
    assert ("delve" in out) is flagged


def test_standard_input_is_read_as_markdown_model_output() -> None:
    code, out, _err = _run(["lint", "-"], CODE_SAMPLE.encode("utf-8"))
    assert code == 0 and out == ""


def _two_contraction_styles(tmp_path: Path) -> Path:
    rule = (  # the message has a line break in it: the output must stay one line per finding
        "extends: substitution\nmessage: \"Use '%s'\\ninstead of '%s'.\"\nignorecase: true\n"
        "swap:\n  do not: don't\n"
    )
    for style in ("Alpha", "Beta"):
        (tmp_path / "styles" / style).mkdir(parents=True)
        (tmp_path / "styles" / style / "Contractions.yml").write_text(rule)
    return tmp_path / "styles"


def test_same_named_rules_of_two_styles_print_one_line_each(tmp_path: Path) -> None:
    text = _write(tmp_path, "Calm.\nPlease,\nDo not panic.")
    code, out, _ = _run(["lint", text, "--style", str(_two_contraction_styles(tmp_path))])
    assert code == 0
    assert out.splitlines() == [
        f"{text}:3:1: warning Alpha.Contractions Use 'don't' instead of 'Do not'.",
        f"{text}:3:1: warning Beta.Contractions Use 'don't' instead of 'Do not'.",
    ]
    code, out, _ = _run(["lint", text, "--style", str(tmp_path / "styles"), "--json"])
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["category"], f["message"]) for f in findings] == [
        ("Alpha.Contractions", "Alpha.Contractions", "Use 'don't' instead of 'Do not'."),
        ("Beta.Contractions", "Beta.Contractions", "Use 'don't' instead of 'Do not'."),
    ]


def test_disable_takes_style_rule_names_and_old_file_names(tmp_path: Path) -> None:
    styles = _two_contraction_styles(tmp_path)
    text = _write(tmp_path, "Do not.")
    _, out, _ = _run(["lint", text, "--style", str(styles), "--disable", "Alpha.Contractions"])
    assert "Alpha.Contractions" not in out and "Beta.Contractions" in out
    assert _run(["lint", text, "--style", str(styles), "--disable", "Contractions"])[1] == ""


def test_a_vale_ini_folder_selects_styles_levels_and_vocabulary(tmp_path: Path) -> None:
    styles = _two_contraction_styles(tmp_path)
    vocab = styles / "config" / "vocabularies" / "Team"
    vocab.mkdir(parents=True)
    (vocab / "reject.txt").write_text("synergy\n")
    ini = "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Vale, Beta\nBeta.Contractions = error\n"
    (tmp_path / ".vale.ini").write_text(ini)
    text = _write(tmp_path, "Do not sell synergy.")
    code, out, _ = _run(["lint", text, "--style", str(tmp_path)])
    assert code == 1
    assert out.splitlines() == [
        f"{text}:1:1: error Beta.Contractions Use 'don't' instead of 'Do not'.",
        f"{text}:1:13: error Vale.Avoid Avoid using 'synergy'.",
    ]


def test_a_rule_switched_off_by_its_time_limit_is_named_on_stderr(tmp_path: Path) -> None:
    style = tmp_path / "House"
    style.mkdir()
    rule = "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens: [synergy, '(?=(a|aa)+b)a']\n"
    (style / "Slow.yml").write_text(rule)
    code, out, err = _run(["lint", _write(tmp_path, "synergy " + "a" * 60), "--style", str(style), "--json"])
    assert code == 0
    document = json.loads(out)
    assert [f["matched"] for f in document["findings"]] == ["synergy"]
    notice = "House.Slow: part of this rule was switched off on this text (pattern too slow)"
    assert document["problems"] == [notice]
    assert f"warning: {notice}" in err


def test_a_vale_spelling_rule_checks_against_the_shipped_dictionary(tmp_path: Path) -> None:
    style = tmp_path / "styles" / "Ours"
    style.mkdir(parents=True)
    rule = "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n"
    (style / "Spelling.yml").write_text(rule, encoding="utf-8")
    path = _write(tmp_path, "The pump recieved water.\n")
    code, out, err = _run(["lint", "--style", str(tmp_path / "styles"), path])
    assert (code, err) == (1, "")
    assert out == f"{path}:1:10: error Ours.Spelling Did you really mean 'recieved'?\n"
