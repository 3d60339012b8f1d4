"""Search over the benchmark's store: a first page with its total, against the floor of the index
(used by bench_store.py).

For each kind of search a writer types (synthetic.search_words: words in half the tasks, common,
topical and rare words, two words, half-typed prefixes, no match) this times what the app and the
CLI ask for, ``store.tasks.page(search=...)``: the first page of ``PAGE_SIZE`` tasks
with the total that match. Its floor is what the index alone needs for the same answer: the same
FTS5 expression's first ``PAGE_SIZE`` rowids plus its count, without reading any task. The same
page with a status filter, and every match listed whole (what the queue did before pages), are
timed for reference.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from synthetic import search_words

from workstation.core.store import DB_FILE_NAME, PAGE_SIZE, QueueFilter, Store
from workstation.core.store.search_words import SearchWords

SEARCH_REPEATS = 7
COMMON_KINDS = ("robotic_word", "common_word")
"""Words in about half the tasks, and words in 3-15 % of them."""


def search_terms(data_dir: Path) -> dict[str, tuple[str, ...]]:
    """The benchmark's searches, with made-up names read from a few stored prompts."""
    names = _names_in_tasks(data_dir) or ["Nobody"]
    return search_words((names * 3)[:3])


def _names_in_tasks(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / DB_FILE_NAME) as conn:
        count = conn.execute("SELECT max(seq) FROM tasks").fetchone()[0]
        texts = [
            prompt or messages
            for prompt, messages in conn.execute(
                "SELECT prompt, messages FROM tasks WHERE seq IN (?, ?, ?)", (1, count // 2, count)
            )
        ]
    return [found.group(1) for text in texts if (found := re.search(r" for ([A-Z][a-z]+)\.", text))]


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def spread(timings: Sequence[float]) -> dict[str, float]:
    """p50, p95 and the slowest of ``timings`` (milliseconds)."""
    if not timings:
        return {}
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
    }


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _index_floor(conn: sqlite3.Connection, match: str) -> None:
    conn.execute(
        "SELECT rowid FROM task_search WHERE task_search MATCH ? LIMIT ?", (match, PAGE_SIZE)
    ).fetchall()
    conn.execute("SELECT count(*) FROM task_search WHERE task_search MATCH ?", (match,)).fetchone()


def _time_kind(store: Store, words: SearchWords, texts: Sequence[str]) -> dict[str, Any]:
    conn = store.database.conn
    pages: list[float] = []
    floors: list[float] = []
    filtered: list[float] = []
    totals: dict[str, int] = {}
    for text in texts:
        wanted = QueueFilter(search=text)
        with_status = QueueFilter(statuses=("submitted",), search=text)
        totals[text] = store.tasks.page(**wanted.arguments()).total  # also warms the page cache
        match = words.query(text)
        for _ in range(SEARCH_REPEATS):
            pages.append(_ms(lambda: store.tasks.page(**wanted.arguments())))  # noqa: B023 - timed at once
            filtered.append(_ms(lambda: store.tasks.page(**with_status.arguments())))  # noqa: B023
            if match is not None:
                floors.append(_ms(lambda: _index_floor(conn, match)))  # noqa: B023
    figures: dict[str, Any] = {"total": totals, "first_page_with_total": spread(pages)}
    if floors:
        figures["index_floor"] = spread(floors)
        figures["first_page_vs_index_floor_p50"] = round(
            statistics.median(pages) / statistics.median(floors), 2
        )
    figures["first_page_with_total_status_filter"] = spread(filtered)
    return figures


def bench_search(data_dir: Path, run_cli: Callable[..., Any]) -> dict[str, Any]:
    """Time the first page with its total for every kind of search, then the CLI end to end."""
    terms = search_terms(data_dir)
    by_kind: dict[str, Any] = {}
    with Store(data_dir, readonly=True) as store:
        words = SearchWords(store.database.conn)
        for kind, texts in terms.items():
            by_kind[kind] = _time_kind(store, words, texts)
        every_match = [
            _ms(lambda: store.tasks.queue(search=text))  # noqa: B023
            for text in terms["robotic_word"]
            for _ in range(3)
        ]
    common = [
        value
        for kind in COMMON_KINDS
        for value in (
            by_kind[kind]["first_page_with_total"]["p50_ms"],
            by_kind[kind]["first_page_with_total"]["p95_ms"],
        )
    ]
    cli: dict[str, float] = {
        "--version (start-up only)": round(run_cli(data_dir, "--version").seconds * 1000)
    }
    for text in (terms["robotic_word"][0], terms["rare_word"][0], terms["two_words"][0], terms["prefix"][0]):
        cli[f"tasks --search {text!r} --json"] = round(
            run_cli(data_dir, "tasks", "--search", text, "--json").seconds * 1000
        )
    return {
        "page_size": PAGE_SIZE,
        "first_page_with_total_common_p95_ms": max(common),
        "first_page_with_total_rare": by_kind["rare_word"]["first_page_with_total"],
        "first_page_with_total_every_kind_p95_ms": max(
            figures["first_page_with_total"]["p95_ms"] for figures in by_kind.values()
        ),
        "every_match_listed_word_in_half_the_tasks": spread(every_match),
        "fts_queries": {text: words_query for text, words_query in _queries(data_dir, terms).items()},
        "by_kind": by_kind,
        "cli_wall_ms": cli,
    }


def _queries(data_dir: Path, terms: dict[str, tuple[str, ...]]) -> dict[str, str | None]:
    with Store(data_dir, readonly=True) as store:
        words = SearchWords(store.database.conn)
        return {
            text: words.query(text) for text in (terms["two_words"][0], terms["prefix"][0], "e-mail don't")
        }
