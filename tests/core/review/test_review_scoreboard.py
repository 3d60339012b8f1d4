"""The model scoreboard and its JSON, CSV, text and HTML forms (golden files, hostile names)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.core.formats.formats_testkit import assert_golden
from tests.core.review.batch_factory import sample_batch
from workstation.core.review.batch import batch_summary
from workstation.core.review.scoreboard import Scoreboard, scoreboard
from workstation.core.review.scoreboard_formats import (
    scoreboard_csv,
    scoreboard_dict,
    scoreboard_html,
    scoreboard_text,
)

GOLDEN = Path(__file__).parent / "golden"


def _board(by: str = "model") -> Scoreboard:
    items, verdicts = sample_batch()
    return scoreboard(batch_summary(items, verdicts, by=by))


def test_rows_give_the_data_team_its_figures() -> None:
    rows = {row.label: row for row in _board().rows}
    gpt = rows["gpt-4o"]
    assert (gpt.items, gpt.unchanged, gpt.accepted_unchanged) == (3, 1, 1)
    assert gpt.share_accepted_unchanged == pytest.approx(1 / 3)
    assert gpt.mean_edit_rate == pytest.approx((0.0 + 0.32 + 0.41) / 3)
    # three items, five judgements: the item columns count items and sum to them
    assert (gpt.accepted, gpt.revise, gpt.rejected, gpt.disagree, gpt.not_reviewed) == (2, 0, 0, 1, 0)
    assert (gpt.judgements_accept, gpt.judgements_revise, gpt.judgements_reject) == (4, 1, 0)
    llama = rows["llama-3"]
    assert (llama.unchanged, llama.accepted_unchanged, llama.not_reviewed) == (1, 0, 1)
    total = _board().total
    assert total.items == 8
    assert total.accepted + total.revise + total.rejected + total.disagree + total.not_reviewed == 8
    assert total.share_unchanged != total.share_accepted_unchanged


def test_a_kappa_over_few_items_is_shown_with_its_count_and_not_trusted() -> None:
    board = _board()
    assert (board.kappa_items, board.kappa_trusted) == (3, False)
    assert "over 3 items both judged, too few items to trust" in board.agreement_summary
    agreement = scoreboard_dict(board)["agreement"]
    assert (agreement["kappa_items"], agreement["kappa_trusted"]) == (3, False)


def test_json_golden() -> None:
    text = json.dumps(scoreboard_dict(_board()), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert_golden("scoreboard_by_model.json", text, GOLDEN)


def test_csv_golden_and_formula_cells_neutralised() -> None:
    text = scoreboard_csv(_board())
    assert_golden("scoreboard_by_model.csv", text, GOLDEN)
    labels = [row["label"] for row in csv.DictReader(io.StringIO(text))]
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)


def test_csv_label_starting_like_a_formula_gets_an_apostrophe() -> None:
    from tests.core.review.batch_factory import make_item

    board = scoreboard(batch_summary([make_item("1", model="=1+2"), make_item("2", model="-x")], []))
    labels = [row["label"] for row in csv.DictReader(io.StringIO(scoreboard_csv(board)))]
    assert labels == ["'-x", "'=1+2"]


def test_text_table_golden() -> None:
    assert_golden("scoreboard_by_writer.txt", scoreboard_text(_board("writer")), GOLDEN)


def test_html_golden_escapes_every_name_and_loads_nothing() -> None:
    page = scoreboard_html(_board())
    assert_golden("scoreboard_by_model.html", page, GOLDEN)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "http://x" in page  # shown as text …
    assert "src=" not in page and "href=" not in page and "@import" not in page  # … never loaded
    assert "default-src 'none'" in page


def test_empty_inbox_still_renders_every_form() -> None:
    board = scoreboard(batch_summary([], []))
    assert scoreboard_dict(board)["groups"] == [] and scoreboard_dict(board)["total"]["items"] == 0
    assert scoreboard_csv(board).count("\n") == 1
    assert "(no items in the inbox)" in scoreboard_text(board)
    assert "<tbody>\n\n</tbody>" in scoreboard_html(board)


def test_control_characters_in_a_name_never_reach_the_terminal() -> None:
    from tests.core.review.batch_factory import make_item

    board = scoreboard(batch_summary([make_item("1", model="evil\x1b[2J\rmodel\u202e")], []))
    table = scoreboard_text(board)
    assert "\x1b" not in table and "\r" not in table and "\u202e" not in table
