"""The writer imports a reviewer's verdicts: shown beside the diff, revisions back in the queue.

A reviewer's verdict bundle is made with the core (the review window is another part); the
writer's side is walked through the window: File ▸ Import verdicts…, the side panel, the queue,
the anchored comment on the rewrite pane, and the resubmission that references the old bundle.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.gui.writer_driver import WriterDriver
from workstation.core.bundles import ManifestHeader, SignerTrust, open_bundle
from workstation.core.bundles.seal_work import SealResult
from workstation.core.models import Anchor, ReviewComment, Verdict, VerdictKind, sha256_text
from workstation.core.signing import SecretKey
from workstation.core.verdicts import seal_verdict_bundle
from workstation.gui.common.theme import ThemeChoice

REVIEWER = "Rui Reviewer"
REVIEWER_KEY = SecretKey(key_id=bytes(range(51, 59)), seed=bytes(range(180, 212)))
STIFF = "leverage synergies"


def _submit_two(driver: WriterDriver) -> tuple[str, str]:
    first = driver.current_task_id
    assert first is not None
    driver.type_over_everything(f"We should {STIFF} to ship the fix by Friday.")
    driver.submit()
    second = driver.current_task_id
    assert second is not None and second != first
    driver.type_over_everything("Thanks, that works for me.")
    driver.submit()
    return first, second


def _verdict_file(tmp_path: Path, sealed: SealResult, revise: str, accept: str, name: str = "v.zip") -> Path:
    records = {r["task_id"]: r for r in open_bundle(sealed.data, trust=SignerTrust.accept_any()).records}

    def verdict(task_id: str, kind: VerdictKind, **extra: object) -> Verdict:
        record = records[task_id]
        return Verdict(
            verdict_id="vd-" + uuid.uuid4().hex,
            bundle_id=sealed.bundle_id,
            rewrite_id=record["rewrite_id"],
            task_id=task_id,
            rewrite_sha256=sha256_text(record["rewrite"]),
            verdict=kind,
            reviewer_name=REVIEWER,
            reviewer_fingerprint=REVIEWER_KEY.public_key.fingerprint,
            created_at="2025-06-01T08:00:00Z",
            **extra,  # type: ignore[arg-type]
        )

    text = records[revise]["rewrite"]
    start = text.index(STIFF)
    anchor = Anchor(side="rewrite", start=start, end=start + len(STIFF), quote=STIFF)
    verdicts = [
        verdict(
            revise,
            VerdictKind.REVISE,
            reason="Jargon <b>left</b> in",
            comments=(ReviewComment(text="Say what we will actually do.", anchor=anchor),),
        ),
        verdict(accept, VerdictKind.ACCEPT),
    ]
    data = seal_verdict_bundle(
        verdicts, ManifestHeader(REVIEWER_KEY, REVIEWER, 1, None, datetime(2025, 6, 1, 9, tzinfo=UTC))
    ).data
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_revision_request_comes_back_with_its_anchored_comment(
    writer_with_key: WriterDriver, tmp_path: Path
) -> None:
    driver = writer_with_key
    revise, accept = _submit_two(driver)
    sealed = driver.outbox.seal()
    driver.open_task(revise)
    assert driver.is_read_only() and not driver.verdicts.shown()

    outcome = driver.verdicts.import_files(_verdict_file(tmp_path, sealed, revise, accept))

    assert outcome.reopened == (revise,) and outcome.refused == ()
    text, details = driver.verdicts.report()
    assert "2 verdict(s) from Rui Reviewer" in text and "1 task(s) back in your queue" in text
    assert REVIEWER_KEY.public_key.fingerprint in details  # first seen: the whole key is shown
    assert driver.verdicts.marked_for_revision(revise) and not driver.verdicts.marked_for_revision(accept)
    assert "Revisions requested" in driver.verdicts.queue_line(revise)
    # the open task was sealed and read-only: it is a draft again, with the verdict beside the diff
    assert driver.current_task_id == revise and not driver.is_read_only()
    panel = driver.verdicts.panel_text()
    short_key = REVIEWER_KEY.public_key.fingerprint[:16]
    assert f"Revisions requested — Rui Reviewer (key {short_key})" in panel
    assert "Reason: Jargon <b>left</b> in" in panel  # plain text, never markup
    assert driver.verdicts.anchored_items() == [f"“{STIFF}” — Say what we will actually do."]
    assert driver.verdicts.highlighted() == [STIFF]
    position = driver.rewrite_text().index(STIFF) + 2
    shown = driver.verdicts.tooltip_at(position) or ""
    assert "Rui Reviewer: Say what we will actually do." in shown and "leverage" in shown  # with the lint
    _both_themes_render(driver)
    driver.verdicts.choose_comment(0)
    assert driver.selected_text() == STIFF

    driver.open_task(accept)
    assert driver.is_read_only() and "Accepted — Rui Reviewer" in driver.verdicts.panel_text()
    assert driver.verdicts.highlighted() == []

    driver.open_task(revise)
    with driver.wait_for_analysis():
        driver.type_over_everything("We will ship the fix by Friday.")
    assert driver.verdicts.highlighted() == []
    assert driver.verdicts.anchored_items()[0].endswith("(passage changed since)")
    driver.submit()
    assert not driver.verdicts.marked_for_revision(revise)
    again = driver.outbox.seal()
    (record,) = open_bundle(again.data, trust=SignerTrust.accept_any()).records
    assert record["revision_of"]["bundle_id"] == sealed.bundle_id
    assert again.prev_bundle_id == sealed.bundle_id


def test_a_tampered_or_replayed_verdict_file_is_refused_or_reported(
    writer_with_key: WriterDriver, tmp_path: Path
) -> None:
    driver = writer_with_key
    revise, accept = _submit_two(driver)
    sealed = driver.outbox.seal()
    good = _verdict_file(tmp_path, sealed, revise, accept)
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(
        _with_members_changed(good.read_bytes(), b'"verdict":"revise"', b'"verdict":"accept"')
    )

    first = driver.verdicts.import_files(tampered, good)
    assert "tampered.zip: refused" in driver.verdicts.report()[0]
    replay = driver.verdicts.import_files(good)

    assert [r.path for r in first.refused] == [tampered] and len(first.imports) == 1
    assert first.refused[0].reason.startswith("hash_mismatch")
    assert replay.imports[0].already_held and "already here" in driver.verdicts.report()[0]
    assert len(driver.context.store.verdicts.for_task(revise)) == 1


def _with_members_changed(data: bytes, old: bytes, new: bytes) -> bytes:
    """The same zip with ``old`` replaced by ``new`` inside its members (a forged verdict)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(old, new))
    return out.getvalue()


def _both_themes_render(driver: WriterDriver) -> None:
    """The verdict box and the anchored highlight survive a theme switch each way (the window is
    grabbed in each theme, as a screenshot would be, which paints every widget)."""
    window = driver.window
    window.resize(1500, 820)
    window.show()
    for choice in (ThemeChoice.LIGHT, ThemeChoice.DARK):
        driver.view.set_theme(choice)
        with driver.wait_for_analysis():
            driver.refresh_analysis()
        QApplication.processEvents()
        assert not window.grab().isNull()
        assert driver.verdicts.highlighted() == [STIFF]
