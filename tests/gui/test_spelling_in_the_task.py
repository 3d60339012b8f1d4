"""Spelling knows the task: its project's language, the names its prompt gives, the words ignored
in it (kept across reopening and restarting, never in another task), and says which dictionary
is in use, or why none is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.gui.writer_driver import WriterDriver
from workstation.core.models import Project
from workstation.core.prose.dictionary_files import DictionaryFiles, shipped_dictionaries
from workstation.core.store import Store
from workstation.gui.dialogs.preferences.dialog import Preferences
from workstation.gui.operations import Changes

TASKS = {
    "t1": ("Write to Mrs Okonkwo about the kettle.", "The kettle is quiet."),
    "t2": ("Write about tea.", "Tea is hot."),
}


def make_dir(root: Path, language: str = "en-US") -> Path:
    source = root / "tasks.jsonl"
    lines = [json.dumps({"id": k, "prompt": p, "response": r}) for k, (p, r) in TASKS.items()]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = root / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="P").ok
        store.projects.save(Project(name="P", language=language))
    return data_dir


def type_rewrite(writer: WriterDriver, text: str) -> set[str]:
    """Type ``text`` over the rewrite and return the words marked misspelled."""
    with writer.wait_for_analysis():
        writer.type_over_everything(text)
    return writer.prose.misspelled_words()


def test_names_from_the_prompt_pass_and_ignore_in_this_task_lasts_for_that_task_only(
    make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data_dir = make_dir(tmp_path)
    writer = make_window(data_dir)
    writer.prose.wait_for_spelling("en-US")
    text = "Dear Mrs Okonkwo, the Zentrix kettle is teh best."
    assert type_rewrite(writer, text) == {"Zentrix", "teh"}  # the prompt's name is not marked
    with writer.wait_for_analysis():
        writer.prose.spelling_action("Zentrix", "Ignore “Zentrix” in this task").trigger()
    assert writer.prose.misspelled_words() == {"teh"}
    writer.drain_operations()

    writer.open_task("t2")
    assert type_rewrite(writer, "Zentrix and Okonkwo like tea.") == {"Zentrix", "Okonkwo"}
    with writer.wait_for_analysis():
        writer.open_task("t1")
    assert writer.prose.misspelled_words() == {"teh"}

    writer.quit()
    again = make_window(data_dir)
    again.prose.wait_for_spelling("en-US")
    with again.wait_for_analysis():
        again.open_task("t2")
    assert again.prose.misspelled_words() == {"Zentrix", "Okonkwo"}
    with again.wait_for_analysis():
        again.open_task("t1")
    assert again.rewrite_text() == text
    assert again.prose.misspelled_words() == {"teh"}


def test_marks_follow_the_project_language_and_the_preference(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, language="en-US"))
    prose = writer.prose
    prose.wait_for_spelling("en-US")
    assert prose.spelling_status() == "Spelling: US English (en-US), the project's language."
    assert type_rewrite(writer, "The colour of the color is organised.") == {"colour", "organised"}

    def to_british(store: Store) -> None:
        store.projects.save(Project(name="P", language="en-GB"))

    with writer.wait_for_analysis():
        writer.context.ops.run("the project file again", to_british, changes=Changes(projects=True))
        prose.wait_for_spelling("en-GB")
    assert prose.misspelled_words() == {"color"}
    assert prose.spelling_status() == "Spelling: British English (en-GB), the project's language."

    prefs = Preferences(writer.context.settings.theme(), 11, True, None, spelling_language="en-US")
    with writer.wait_for_analysis():
        writer.window.apply_preferences(prefs)
    assert prose.misspelled_words() == {"colour", "organised"}
    assert prose.spelling_status() == "Spelling: US English (en-US), chosen in Preferences."
    assert writer.context.settings.spelling_language() == "en-US"


def test_a_damaged_dictionary_turns_spelling_off_in_words_and_lint_still_works(
    make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shipped = shipped_dictionaries()["en-US"]
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(shipped.aff, broken / shipped.aff.name)
    cut = shipped.dic.read_bytes()[:50_000]  # a download or a copy that stopped half-way
    (broken / shipped.dic.name).write_bytes(cut)
    monkeypatch.setattr(
        "workstation.gui.writer.spelling_controller.shipped_dictionaries",
        lambda: {"en-US": DictionaryFiles("en-US", broken, shipped.stem)},
    )
    writer = make_window(make_dir(tmp_path))
    writer.qtbot.waitUntil(
        lambda: writer.prose.spelling_status().startswith("Spelling is off"), timeout=10_000
    )
    assert writer.prose.spelling_status() == (
        "Spelling is off: en_US.dic is truncated: it declares 79,013 words but holds "
        f"{len(cut.splitlines()) - 1:,}."
    )
    marks = type_rewrite(writer, "Certainly! Let's delve into teh tapestry of tea.")
    assert marks == set()
    assert any(f.matched.lower() == "delve" for f in writer.prose.findings("rewrite"))
