"""Which inbox items the review queue shows: a filter as plain data and the one pass that applies it.

No Qt here: the filter is tested headless and runs over 200,000 items in a few tens of ms. The
queue keeps references to the :class:`AuditItem` objects it was given (no copies, no per-row
objects), so a filtered list costs 8 bytes an item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from workstation.core.bundles.spec import short_bundle_id
from workstation.core.models import VerdictKind
from workstation.core.review.items import AuditItem
from workstation.core.review.triage import OutlierReason, TriageEntry
from workstation.core.signing import short_fingerprint

NO_VERDICT = "none"
"""The verdict filter's choice for items without a verdict yet."""

NO_MODEL = ""
"""The model filter's choice for items whose task named no model."""

OutlierSource = Callable[[Sequence[AuditItem]], Sequence[TriageEntry]]
"""The triage of a list of items (``core.review.triage.triage``): the items to look at first."""


def outlier_reasons(entries: Sequence[TriageEntry]) -> dict[str, tuple[str, ...]]:
    """Item id → the :class:`OutlierReason` values the triage found for it (listed items only)."""
    return {entry.item_id: tuple(reason.kind.value for reason in entry.reasons) for entry in entries}


@dataclass(frozen=True)
class QueueFilter:
    """``None`` in a field means "any". ``writer`` is a fingerprint, ``bundle`` a bundle id,
    ``model`` a model name or :data:`NO_MODEL`, ``verdict`` a :class:`VerdictKind` value or
    :data:`NO_VERDICT`, ``flagged`` the writer's own flag, ``outlier`` one :class:`OutlierReason` value."""

    writer: str | None = None
    bundle: str | None = None
    model: str | None = None
    verdict: str | None = None
    flagged: bool | None = None
    outlier: str | None = None

    @property
    def is_empty(self) -> bool:
        return self == QueueFilter()


def filter_items(
    items: Sequence[AuditItem],
    chosen: QueueFilter,
    verdicts: Mapping[str, VerdictKind],
    outliers: Mapping[str, tuple[str, ...]],
) -> list[AuditItem]:
    """The items ``chosen`` lets through, in queue order; ``verdicts`` maps item id → latest kind."""
    if chosen.is_empty:
        return list(items)
    kept: list[AuditItem] = []
    keep = kept.append
    for item in items:
        if chosen.writer is not None and item.writer_fingerprint != chosen.writer:
            continue
        if chosen.bundle is not None and item.bundle_id != chosen.bundle:
            continue
        if chosen.model is not None and (item.model or NO_MODEL) != chosen.model:
            continue
        if chosen.flagged is not None and item.flagged != chosen.flagged:
            continue
        if chosen.verdict is not None:
            kind = verdicts.get(item.item_id)
            if (kind.value if kind is not None else NO_VERDICT) != chosen.verdict:
                continue
        if chosen.outlier is not None and chosen.outlier not in outliers.get(item.item_id, ()):
            continue
        keep(item)
    return kept


@dataclass(frozen=True)
class FilterChoices:
    """What each filter can be set to, from the items at hand: (value, label) pairs, sorted
    (the outlier reasons in the triage's own order)."""

    writers: tuple[tuple[str, str], ...]
    bundles: tuple[tuple[str, str], ...]
    models: tuple[tuple[str, str], ...]
    outliers: tuple[tuple[str, str], ...]


def filter_choices(items: Sequence[AuditItem], outliers: Mapping[str, tuple[str, ...]]) -> FilterChoices:
    """The writers (fingerprint → "name (short key)"), bundles, models and outlier reasons present;
    ``outliers`` maps item id → reason values (:func:`outlier_reasons`)."""
    sources: dict[str, tuple[str, str, str]] = {}
    models: set[str | None] = set()
    for item in items:
        if item.bundle_id not in sources:
            sources[item.bundle_id] = (item.bundle_id, item.writer_fingerprint, item.writer_name)
        models.add(item.model)
    return choices_from(list(sources.values()), models, outliers)


def choices_from(
    sources: Sequence[tuple[str, str, str]],
    models: Iterable[str | None],
    outliers: Mapping[str, tuple[str, ...]],
) -> FilterChoices:
    """The same choices from what the store says without reading items: ``sources`` are
    (bundle id, writer fingerprint, writer name) in queue order (``store.inbox.item_sources``),
    ``models`` the models named (None for none)."""
    writers: dict[str, str] = {}
    for _bundle_id, fingerprint, name in sources:
        writers.setdefault(fingerprint, name)
    found = {reason for reasons in outliers.values() for reason in reasons}
    return FilterChoices(
        writers=tuple(
            sorted(
                ((fp, f"{name} ({short_fingerprint(fp)})") for fp, name in writers.items()),
                key=lambda p: p[1].lower(),
            )
        ),
        bundles=tuple((bid, f"{short_bundle_id(bid)} — {name}") for bid, _fp, name in sources),
        models=tuple(sorted((model, model or "(no model)") for model in {m or NO_MODEL for m in models})),
        outliers=tuple((reason.value, reason.label) for reason in OutlierReason if reason.value in found),
    )
