"""A signer's hash chain: gaps are named with the missing places, forks and copies are refused."""

from __future__ import annotations

from workstation.core.bundles.chain import ChainLink, check_chains, check_link

FP = "ab" * 32


def _link(seq: int, name: str, prev: str | None) -> ChainLink:
    return ChainLink(f"sha256:{name * 64}"[:71], FP, "Ada", seq, prev)


ONE = _link(1, "1", None)
TWO = _link(2, "2", ONE.bundle_id)
THREE = _link(3, "3", TWO.bundle_id)
FOUR = _link(4, "4", THREE.bundle_id)


def test_bundles_that_follow_on_have_no_problem() -> None:
    assert check_link([], ONE) is None
    assert check_link([ONE], TWO) is None
    assert check_link([TWO, ONE], THREE) is None
    assert check_link([ONE, THREE], TWO) is None  # the missing one arriving late links both sides


def test_a_gap_names_the_run_of_missing_bundles() -> None:
    problem = check_link([ONE], FOUR)
    assert problem is not None and problem.kind == "gap" and not problem.refuses
    assert "bundles #2 to #3" in problem.sentence and "Ada" in problem.sentence
    single = check_link([ONE, TWO], FOUR)
    assert single is not None and "bundle #3 " in single.sentence and "has not arrived" in single.sentence
    assert check_link([], TWO) is not None  # the first bundle of the writer never came


def test_two_bundles_in_one_place_or_a_broken_link_are_a_fork() -> None:
    rival_two = _link(2, "9", ONE.bundle_id)
    for held, new in (
        ([ONE, TWO], rival_two),
        ([ONE], _link(2, "8", "sha256:" + "7" * 64)),
        ([THREE], rival_two),
    ):
        problem = check_link(held, new)
        assert problem is not None and problem.kind == "fork" and problem.refuses, (held, new)
        assert "forked" in problem.sentence


def test_a_copy_of_a_held_bundle_is_refused_as_a_copy() -> None:
    problem = check_link([ONE, TWO], TWO)
    assert problem is not None and problem.kind == "copy" and problem.refuses


def test_check_chains_reports_each_signer_in_chain_order() -> None:
    other = ChainLink("sha256:" + "e" * 64, "cd" * 32, "Ben", 2, "sha256:" + "f" * 64)
    rival = _link(3, "9", TWO.bundle_id)
    problems = check_chains([FOUR, rival, ONE, THREE, TWO, other])
    assert [(p.signer_name, p.kind, p.bundle_seq) for p in problems] == [
        ("Ada", "fork", 3),
        ("Ben", "gap", 2),
    ]


def test_of_two_bundles_in_one_place_the_one_followed_on_from_is_kept() -> None:
    stray = _link(3, "0", TWO.bundle_id)  # its id sorts before THREE's
    problems = check_chains([ONE, TWO, stray, THREE, FOUR])
    assert [(p.kind, p.bundle_id) for p in problems] == [("fork", stray.bundle_id)]
