"""Spelling in the writer's window: the open task's dictionary, its own words, and what is in use.

Each task is checked in its project's language (or the one chosen in Preferences ▸ Prose), with
the words of its prompt and original accepted and the words ignored in it. A dictionary loads in
the background the first time a task needs it (about 150 ms) and stays loaded; until then the
rewrite shows lint findings without spelling marks, and the window never waits. A dictionary
that cannot be used turns spelling off with one sentence; the rest of the app is untouched.

"Ignore in this task" is kept in the store with the task (an operation), "Add to dictionary" in
the writer's own word file, which every language and task shares.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal

from workstation import APP_ID
from workstation.core.analysis.analyser import Analyser
from workstation.core.models import Project, Task
from workstation.core.prose.dictionary_files import DictionaryError, DictionaryFiles, shipped_dictionaries
from workstation.core.prose.hunspell_dictionary import load_dictionary
from workstation.core.prose.spelling import SpellChecker
from workstation.core.prose.spelling_language import SpellingLanguage, choose_spelling_language, language_name
from workstation.core.prose.task_words import ignored_vocabulary, task_vocabulary
from workstation.core.prose.user_dictionary import UserDictionary
from workstation.core.store import Store
from workstation.core.store.ignored_words import ignore_word, ignored_words
from workstation.gui.common.background import report_unexpected
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed

USER_DICTIONARY_NAME = "user-dictionary.txt"

_log = logging.getLogger(__name__)


def user_dictionary_path() -> Path:
    """The writer's own words, kept per user (not per data folder)."""
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / USER_DICTIONARY_NAME


def load_checker(files: DictionaryFiles, user_path: Path) -> tuple[SpellChecker, str]:
    """A checker for ``files`` with the user's words, and a sentence if those could not be read
    (spelling then works without them, and added words are kept for this session only).
    Off the GUI thread; raises DictionaryError."""
    started = time.perf_counter()
    problem = ""
    try:
        user = UserDictionary(user_path)
    except (OSError, UnicodeDecodeError) as error:
        user = UserDictionary(None)
        problem = f"Your own words ({user_path.name}) cannot be read, so they are not in use: {error}."
    checker = SpellChecker(load_dictionary(files), user)
    _log.info(
        "spelling: the %s dictionary loaded in %.0f ms",
        files.language,
        1000 * (time.perf_counter() - started),
    )
    return checker, problem


class SpellingController(QObject):
    """Chooses, loads and hands the analyser the open task's spell checker and accepted words.

    Emits ``changed`` when the marks must be computed again and ``status_changed(sentence)``
    with which dictionary is in use (or why none is).
    """

    changed = Signal()
    status_changed = Signal(str)

    def __init__(
        self,
        context: AppContext,
        analyser: Analyser,
        parent: QObject | None = None,
        *,
        dictionaries: Mapping[str, DictionaryFiles] | None = None,
        user_dictionary: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._analyser = analyser
        self._dictionaries = dict(dictionaries) if dictionaries is not None else shipped_dictionaries()
        self._user_path = user_dictionary if user_dictionary is not None else user_dictionary_path()
        self._user: UserDictionary | None = None  # shared by every language's checker, once loaded
        self._user_problem = ""
        self._checkers: dict[str, SpellChecker] = {}
        self._failed: dict[str, str] = {}  # language → why its dictionary cannot be used
        self._loading: set[str] = set()
        self._task: Task | None = None
        self._vocabulary: frozenset[str] = frozenset()
        self._ignored: tuple[str, ...] = ()
        # Words ignored in this sitting, by task: shown at once, before (or without) the store.
        self._ignored_here: dict[str, set[str]] = {}
        self._project_language: str | None = None
        self.choice = SpellingLanguage(None, "")
        self.status = "Spelling starts when a task is open."
        context.events.store_changed.connect(self._on_store_changed)

    @property
    def languages(self) -> tuple[str, ...]:
        """The tags of the shipped dictionaries, sorted."""
        return tuple(sorted(self._dictionaries))

    @property
    def checker(self) -> SpellChecker | None:
        """The checker in use for the open task (None while loading, or when spelling is off)."""
        return self._analyser.spelling

    @property
    def ignored(self) -> tuple[str, ...]:
        """The words ignored in the open task."""
        return self._ignored

    # ----- what the window tells
    def show_task(self, task: Task, project: Project | None) -> None:
        """``task`` is open: check it in its project's language with its own words accepted."""
        self._task = task
        self._project_language = project.language if project is not None else None
        self._vocabulary = task_vocabulary(task)
        stored = ignored_words(self._context.store.state, task.id)
        self._ignored = tuple(sorted({*stored, *self._ignored_here.get(task.id, ())}, key=str.casefold))
        self._analyser.set_task_words(self._vocabulary, ignored_vocabulary(self._ignored))
        self._apply()

    def preference_changed(self) -> None:
        """The writer chose another spelling language in Preferences (the setting is saved)."""
        self._apply()

    # ----- right-click menu
    def suggestions(self, word: str, limit: int) -> tuple[str, ...]:
        checker = self.checker
        return checker.suggestions(word, limit) if checker is not None else ()

    def add_to_dictionary(self, word: str) -> None:
        """Add ``word`` to the writer's own words, for every task and language."""
        checker = self.checker
        if checker is None:
            return
        try:
            checker.add_word(word)
        except OSError as error:
            self._context.show_message(f"“{word}” could not be added to your dictionary: {error}")
            return
        self._analyser.dictionary_changed()
        self.changed.emit()

    def ignore_in_task(self, word: str) -> None:
        """Accept ``word`` in the open task from now on, here and after a restart; no other task."""
        task = self._task
        if task is None:
            return
        self._ignored_here.setdefault(task.id, set()).add(word)
        self._ignored = tuple(sorted({*self._ignored, word}, key=str.casefold))
        self._analyser.set_task_words(self._vocabulary, ignored_vocabulary(self._ignored))
        self.changed.emit()

        def keep(store: Store) -> tuple[str, ...]:
            return ignore_word(store.state, task.id, word)

        def failed(error: OperationFailed) -> None:
            self._context.show_message(
                f"“{word}” is ignored in this task until you quit; it could not be kept: {error.message}"
            )

        self._context.ops.run("ignore a word in this task", keep, on_failed=failed)

    # ----- inside
    def _apply(self) -> None:
        """Hand the analyser the checker for the open task's language, loading it if need be."""
        if self._task is None:
            return
        self.choice = choose_spelling_language(
            self._project_language, self._context.settings.spelling_language(), self._dictionaries
        )
        language = self.choice.language
        checker = self._checkers.get(language) if language is not None else None
        if language is None:
            status = self.choice.sentence
        elif language in self._failed:
            status = f"Spelling is off: {self._failed[language]}"
        elif checker is None:
            status = f"Spelling: loading the {language_name(language)} dictionary…"
            self._load(language)
        else:
            status = self.choice.sentence + (f" {self._user_problem}" if self._user_problem else "")
        if checker is not self._analyser.spelling:
            self._analyser.spelling = checker
            self.changed.emit()
        self._set_status(status)

    def _load(self, language: str) -> None:
        if language in self._loading:
            return
        self._loading.add(language)
        files, user_path = self._dictionaries[language], self._user_path
        self._context.runner.submit(
            lambda _job: load_checker(files, user_path),
            on_done=lambda result: self._loaded(language, result),
            on_error=lambda error: self._load_failed(language, error),
        )

    def _loaded(self, language: str, result: tuple[SpellChecker, str]) -> None:
        checker, problem = result
        self._loading.discard(language)
        if self._user is None:
            self._user, self._user_problem = checker.user_words, problem
        else:  # one list of the writer's words for every language
            checker.user_words = self._user
        self._checkers[language] = checker
        self._apply()

    def _load_failed(self, language: str, error: Exception) -> None:
        self._loading.discard(language)
        if not isinstance(error, DictionaryError):
            report_unexpected(error)
            return
        self._failed[language] = str(error)
        _log.warning("spelling: the %s dictionary cannot be used: %s", language, error)
        self._apply()

    def _on_store_changed(self, changes: Changes) -> None:
        """A project file was imported again: the open task's language may have changed."""
        if not changes.projects or self._task is None:
            return
        project = self._context.store.projects.get(self._task.project)
        language = project.language if project is not None else None
        if language != self._project_language:
            self._project_language = language
            self._apply()

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)
