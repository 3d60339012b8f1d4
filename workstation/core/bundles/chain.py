"""A signer's hash chain across bundles: gaps, forks and copies, found and put into words.

Every bundle names its place in its signer's chain: ``bundle_seq`` (1, 2, 3, ...) and
``prev_bundle_id``, the id of the bundle before it. A reader that holds some of a signer's
bundles can tell three things apart:

- a **gap**: the bundle before this one has not arrived (it may still come, or was held back);
  the bundle is good, the gap is recorded with it and shown;
- a **fork**: another bundle already claims the same place, or the neighbours disagree with this
  bundle about who comes before whom. A signed chain cannot fork by accident, so one of the two
  is not what the writer's app sealed in order (a restored backup, a second copy of the key);
  the later one is refused;
- a **copy** of a bundle already held (a replay of an older bundle, a second upload): it is the
  same content, so it is not taken twice.

Works on anything with the five chain fields (the inbox's rows, a manifest's summary).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from workstation.core.signing import short_fingerprint

ChainProblemKind = Literal["gap", "fork", "copy"]


class ChainPosition(Protocol):
    """What a bundle says about its place in its signer's chain."""

    @property
    def bundle_id(self) -> str: ...
    @property
    def signer_fingerprint(self) -> str: ...
    @property
    def signer_name(self) -> str: ...
    @property
    def bundle_seq(self) -> int: ...
    @property
    def prev_bundle_id(self) -> str | None: ...


@dataclass(frozen=True)
class ChainLink:
    """A bundle's chain fields on their own (from a manifest)."""

    bundle_id: str
    signer_fingerprint: str
    signer_name: str
    bundle_seq: int
    prev_bundle_id: str | None


@dataclass(frozen=True)
class ChainProblem:
    """One thing wrong with where a bundle sits in its signer's chain, with a sentence for people."""

    kind: ChainProblemKind
    bundle_id: str
    signer_name: str
    signer_fingerprint: str
    bundle_seq: int
    sentence: str

    @property
    def refuses(self) -> bool:
        """Whether the bundle must stay out (a fork, or a copy of one already held)."""
        return self.kind != "gap"


def _who(bundle: ChainPosition) -> str:
    return f"writer {bundle.signer_name!r} (key {short_fingerprint(bundle.signer_fingerprint)})"


def _short_id(bundle_id: str) -> str:
    return bundle_id.removeprefix("sha256:")[:12]


def _problem(kind: ChainProblemKind, bundle: ChainPosition, sentence: str) -> ChainProblem:
    return ChainProblem(
        kind, bundle.bundle_id, bundle.signer_name, bundle.signer_fingerprint, bundle.bundle_seq, sentence
    )


def check_link(held: Sequence[ChainPosition], new: ChainPosition) -> ChainProblem | None:
    """How ``new`` fits the bundles of its signer already ``held`` (any order), or None if it does.

    The most serious problem wins: a copy, then a fork, then a gap.
    """
    by_seq: dict[int, list[ChainPosition]] = {}
    for bundle in held:
        if bundle.bundle_id == new.bundle_id:
            return _problem(
                "copy", new, f"bundle #{new.bundle_seq} of {_who(new)} is already here; it is not taken twice"
            )
        by_seq.setdefault(bundle.bundle_seq, []).append(bundle)
    seq = new.bundle_seq
    if seq in by_seq:
        other = by_seq[seq][0]
        return _problem(
            "fork",
            new,
            f"two different bundles claim to be #{seq} of {_who(new)} ({_short_id(other.bundle_id)} "
            f"and {_short_id(new.bundle_id)}): the writer's chain forked, so this one was not taken",
        )
    before = by_seq.get(seq - 1, [])
    if before and new.prev_bundle_id != before[0].bundle_id:
        return _problem(
            "fork",
            new,
            f"bundle #{seq} of {_who(new)} does not follow the #{seq - 1} already here: "
            "the writer's chain forked, so this one was not taken",
        )
    for after in by_seq.get(seq + 1, []):
        if after.prev_bundle_id != new.bundle_id:
            return _problem(
                "fork",
                new,
                f"the #{seq + 1} of {_who(new)} already here follows another #{seq}: "
                "the writer's chain forked, so this one was not taken",
            )
    if seq > 1 and not before:
        missing = _missing_before(seq, by_seq)
        return _problem("gap", new, f"{missing} of {_who(new)} {_has_or_have(missing)} not arrived")
    return None


def _missing_before(seq: int, by_seq: dict[int, list[ChainPosition]]) -> str:
    """``bundle #4`` or ``bundles #2 to #4``: the run of missing places just before ``seq``."""
    first = seq - 1
    while first > 1 and first - 1 not in by_seq:
        first -= 1
    return f"bundle #{first}" if first == seq - 1 else f"bundles #{first} to #{seq - 1}"


def _has_or_have(missing: str) -> str:
    return "have" if missing.startswith("bundles") else "has"


def check_chains(bundles: Iterable[ChainPosition]) -> list[ChainProblem]:
    """Every problem in a set of bundles of one or more signers, in the order a reader adds them.

    Each signer's bundles are taken by ``bundle_seq`` and checked against those before them. Of
    two bundles in one place, the one a later bundle follows on from counts as held and the other
    as the fork, so one stray bundle is reported once rather than breaking the rest of the chain.
    """
    by_signer: dict[str, list[ChainPosition]] = {}
    for bundle in bundles:
        by_signer.setdefault(bundle.signer_fingerprint, []).append(bundle)
    problems: list[ChainProblem] = []
    for signer in sorted(by_signer):
        followed = {bundle.prev_bundle_id for bundle in by_signer[signer]}
        held: list[ChainPosition] = []
        order = sorted(
            by_signer[signer],
            key=lambda item: (item.bundle_seq, item.bundle_id not in followed, item.bundle_id),
        )
        for bundle in order:
            problem = check_link(held, bundle)
            if problem is not None:
                problems.append(problem)
            if problem is None or not problem.refuses:
                held.append(bundle)
    return problems
