"""The reviewer's command line: import, trust, writers, list, show and verdict, as a reviewer uses them."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli
from tests.core.review.review_testkit import ADA, ADA_KEY, ADA_NEW_KEY, chain, record, seal, write
from workstation.cli.review_item import render_word_diff
from workstation.core.signing import save_public_key

HOSTILE = "evil\x1b]0;owned\x07\u202ename\x9b31m"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028", "\r")


@pytest.fixture
def reviewer(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    return Cli(tmp_path / "reviewer", capsys)


def _no_traceback(cli: Cli) -> None:
    assert "Traceback" not in cli.err and "Traceback" not in cli.out


def test_a_reviewer_confirms_a_new_writer_then_imports_lists_and_judges(
    reviewer: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "from-ada"
    for number, bundle in enumerate(chain(ADA_KEY, ADA, 2, per_bundle=2)):
        write(folder, f"{number}.zip", bundle)
    short = ADA_KEY.public_key.fingerprint[:16]

    assert reviewer("review", "import", str(folder)) == 1
    assert f"new writer {ADA}: key {short}" in reviewer.out and "2 bundles wait" in reviewer.out
    assert f"review trust {short}" in reviewer.out
    assert reviewer.json("review", "writers", "--json")[0]["state"] == "pending"

    assert reviewer("review", "trust", short) == 0, reviewer.err
    assert f"trusted writer {ADA} with key {short}" in reviewer.out
    assert reviewer("review", "import", str(folder)) == 0, reviewer.err
    assert "added 2 bundles (4 rewrites)" in reviewer.out
    assert reviewer("review", "import", str(folder)) == 0
    assert "2 bundles were already in the inbox" in reviewer.out

    items = reviewer.json("review", "list", "--json")
    assert [item["writer"] for item in items] == [ADA] * 4
    assert {item["model"] for item in items} == {"model-a", "model-b"}
    first = items[0]["item_id"]
    assert reviewer("review", "verdict", first, "accept") == 1 and "keys init" in reviewer.err
    assert reviewer("keys", "init", "--name", "Rita Reviewer", "--kdf", "interactive") == 0, reviewer.err
    assert reviewer("review", "verdict", "rw-ada", "accept") == 1 and "more than one" in reviewer.err
    assert reviewer("review", "verdict", first, "revise") == 2 and "needs a reason" in reviewer.err
    assert reviewer("review", "verdict", first, "revise", "--reason", "the list of three is back") == 0, (
        reviewer.err
    )
    listed = reviewer.json("review", "list", "--json")[0]["verdicts"]
    assert [(v["verdict"], v["reason"], v["reviewer"]) for v in listed] == [
        ("revise", "the list of three is back", "Rita Reviewer")
    ]
    assert reviewer("review", "list") == 0 and "revise" in reviewer.out
    assert reviewer("review", "show", first) == 0, reviewer.err
    assert "by Rita Reviewer" in reviewer.out and "[-Certainly!" in reviewer.out and "{+" in reviewer.out
    assert "\x1b" not in reviewer.out  # not a terminal: markers, no colour codes


def test_trusting_a_pub_file_and_refusing_a_changed_key(reviewer: Cli, tmp_path: Path) -> None:
    pub = tmp_path / "ada.pub"
    save_public_key(pub, ADA_KEY.public_key)
    assert reviewer("review", "trust", str(pub)) == 2 and "--name" in reviewer.err
    assert reviewer("review", "trust", str(pub), "--name", ADA) == 0, reviewer.err
    (impostor,) = chain(ADA_NEW_KEY, ADA, 1)
    assert reviewer("review", "import", str(write(tmp_path, "b.zip", impostor))) == 1
    assert "refused (signer_key_changed)" in reviewer.out
    assert reviewer("review", "trust", ADA_NEW_KEY.public_key.to_base64(), "--name", ADA) == 1
    assert "--another-key" in reviewer.err
    _no_traceback(reviewer)


def test_bad_input_is_listed_with_reasons_never_a_traceback(reviewer: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write(folder, "notes.txt", b"not a bundle")
    write(folder, "empty.zip", b"")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sources = [
        str(folder),
        str(fifo),
        str(tmp_path / "missing.zip"),
        "s3://bucket?endpoint=http://127.0.0.1:9",
    ]
    assert reviewer("review", "import", "--json", *sources) == 1
    report = json.loads(reviewer.out)
    assert len(report["refused"]) == 5 and report["added"] == []
    assert all(refusal["reason"] for refusal in report["refused"]), report
    _no_traceback(reviewer)
    assert reviewer("review", "show", "rw-nothing") == 1 and "no item" in reviewer.err
    assert reviewer("review", "list") == 0 and "empty" in reviewer.out


def test_hostile_names_and_texts_are_defused_everywhere(reviewer: Cli, tmp_path: Path) -> None:
    text = "first words\r\x1b[2Jhidden \u2028 next"
    bundle = seal(ADA_KEY, ADA, 1, None, [record(ADA, 1, rewrite=text, notes=HOSTILE, model=HOSTILE)])
    path = write(tmp_path, "b.zip", bundle)
    assert reviewer("review", "trust", ADA_KEY.public_key.to_base64(), "--name", ADA) == 0
    assert reviewer("review", "import", str(path)) == 0, reviewer.out
    for command in (("review", "list"), ("review", "show", "rw-ada"), ("review", "writers")):
        assert reviewer(*command) == 0, reviewer.err
        assert [char for char in UNSAFE if char in reviewer.out] == [], command


def test_the_terminal_diff_is_coloured_only_when_asked_and_stays_safe() -> None:
    coloured = render_word_diff("The cat sat.\nIt was \x1b[2J red.", "The dog sat.\nIt was red.", colour=True)
    assert "\x1b[31;9mcat\x1b[0m" in coloured and "\x1b[32;4mdog\x1b[0m" in coloured
    assert "\x1b[2J" not in coloured and coloured.count("\n") == 1
    plain = render_word_diff("The cat sat.", "The dog sat.", colour=False)
    assert plain == "The [-cat-]{+dog+} sat."


def test_figures_come_with_the_import_or_later_with_review_figures(reviewer: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "from-ada"
    for number, bundle in enumerate(chain(ADA_KEY, ADA, 2, per_bundle=2)):
        write(folder, f"{number}.zip", bundle)
    assert reviewer("review", "trust", str(_pub_file(tmp_path)), "--name", ADA) == 0, reviewer.err

    assert reviewer("review", "import", "--no-figures", str(folder)) == 0, reviewer.err
    assert [item["figures"] for item in reviewer.json("review", "list", "--json")] == [None] * 4
    assert reviewer("review", "list") == 0 and "      -  " in reviewer.out
    first = reviewer.json("review", "list", "--json")[0]["item_id"]
    assert reviewer("review", "show", first) == 0 and "not computed yet" in reviewer.out

    assert reviewer("review", "figures") == 0, reviewer.err
    assert "computed the figures of 4 rewrites" in reviewer.out
    figures = [item["figures"] for item in reviewer.json("review", "list", "--json")]
    assert all(f is not None and f["edit_rate"] > 0 and f["words_original"] > 0 for f in figures)
    _no_traceback(reviewer)


def _pub_file(tmp_path: Path) -> Path:
    path = tmp_path / "ada-figures.pub"
    save_public_key(path, ADA_KEY.public_key)
    return path
