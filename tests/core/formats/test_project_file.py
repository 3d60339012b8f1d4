"""Project files: the demo's and a data team's read into a Project; every bad file is one sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.core.formats.project_file import MAX_PROJECT_FILE_BYTES, ProjectFileError, read_project_file
from workstation.core.models import DEFAULT_LANGUAGE, IncompleteRubric
from workstation.core.store import DB_FILE_NAME, Store
from workstation.core.store.database import connect
from workstation.core.store.schema import migrate

RUBRIC = {"criteria": [{"id": "voice", "name": "Voice", "min": 1, "max": 3}]}


def write_project(folder: Path, spec: object, *, name: str = "project.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_a_full_project_file_reads_with_its_language_and_rubric_rule(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("# Guide\n\nKeep it British.\n", encoding="utf-8")
    path = write_project(
        tmp_path,
        {
            "name": "UK mail",
            "guidelines_file": "guide.md",
            "rubric": RUBRIC,
            "tags": ["tone"],
            "flag_reasons": ["Harmful"],
            "language": "en-GB",
            "incomplete_rubric": "block",
        },
    )
    project = read_project_file(path)
    assert project.name == "UK mail"
    assert project.guidelines.startswith("# Guide")
    assert project.language == "en-GB"
    assert project.incomplete_rubric is IncompleteRubric.BLOCK
    assert project.rubric.criteria[0].max == 3


def test_settings_left_out_take_their_defaults(tmp_path: Path) -> None:
    project = read_project_file(write_project(tmp_path, {"name": "Plain", "guidelines": "Be kind."}))
    assert project.language == DEFAULT_LANGUAGE == "en-US"
    assert project.incomplete_rubric is IncompleteRubric.WARN
    assert project.guidelines == "Be kind."


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ([1, 2], "one JSON object"),
        ({"name": "x", "langauge": "en-GB"}, "unknown setting 'langauge'"),
        ({"name": "x", "language": "English"}, "language"),
        ({"name": "x", "incomplete_rubric": "ignore"}, "incomplete_rubric"),
        ({"description": "no name"}, "name"),
        ({"name": "x", "guidelines": "a", "guidelines_file": "b.md"}, "not both"),
        ({"name": "x", "guidelines_file": "../secret.md"}, "project file's folder"),
        ({"name": "x", "guidelines_file": "/etc/passwd"}, "project file's folder"),
        ({"name": "x", "guidelines_file": 7}, "must name a file"),
        ({"name": "x", "guidelines_file": "missing.md"}, "cannot be read"),
        ({"name": "x", "rubric": {"criteria": [{"id": "v"}]}}, "rubric.criteria.0.name"),
    ],
)
def test_a_bad_project_file_is_refused_in_one_sentence(tmp_path: Path, spec: object, words: str) -> None:
    with pytest.raises(ProjectFileError, match=None) as caught:
        read_project_file(write_project(tmp_path, spec))
    message = str(caught.value)
    assert words in message and "\n" not in message


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"{", "not valid JSON"),
        (b'{"name": "x", "tags": [NaN]}', "NaN"),
        (b'{"name": "x", "n": 1e400}', "too large"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b"[" * 500 + b"]" * 500, "nested too deeply"),
    ],
)
def test_hostile_bytes_are_refused_before_they_reach_the_model(
    tmp_path: Path, raw: bytes, words: str
) -> None:
    path = tmp_path / "project.json"
    path.write_bytes(raw)
    with pytest.raises(ProjectFileError, match=words):
        read_project_file(path)


def test_an_oversized_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "project.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_PROJECT_FILE_BYTES + 10)
    with pytest.raises(ProjectFileError, match="larger than"):
        read_project_file(path)


def test_the_store_keeps_a_projects_language_and_rubric_rule(tmp_path: Path) -> None:
    project = read_project_file(
        write_project(tmp_path, {"name": "UK", "language": "en-GB", "incomplete_rubric": "block"})
    )
    with Store(tmp_path / "data") as store:
        store.projects.save(project)
    with Store(tmp_path / "data") as store:
        assert store.projects.get("UK") == project


def test_a_schema_3_store_migrates_its_projects_to_the_defaults(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    conn = connect(data_dir / DB_FILE_NAME)
    migrate(conn, up_to=3)
    conn.execute(
        "INSERT INTO projects(name, guidelines, created_at) VALUES ('Old', 'G', '2025-01-01T00:00:00.000Z')"
    )
    conn.commit()
    conn.close()
    with Store(data_dir) as store:
        old = store.projects.get("Old")
    assert old is not None and old.guidelines == "G"
    assert old.language == "en-US" and old.incomplete_rubric is IncompleteRubric.WARN
