"""What the frozen app leaves out: unused Qt plugins and translations, and Linux system libraries.

PyInstaller collects every plugin a Qt module might load and every shared library anything it
collected links against. The app draws plain widgets, so most of that is dead weight, and some of
it is harmful: a copy of the build machine's GTK, glib or libstdc++ inside the app can clash with
the user's own (a newer Mesa driver needs a newer libstdc++ than the one we would ship).

The spec file applies these rules to PyInstaller's lists of ``(destination, source, typecode)``
entries. They are plain functions so a unit test can check them without building anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # PyInstaller's (destination inside the bundle, source path, typecode)
SYMLINK_TYPECODE = "SYMLINK"  # an entry PyInstaller turns into a link to another bundled file

QT_PLUGIN_PREFIX = "PySide6/Qt/plugins/"
QT_TRANSLATIONS_PREFIX = "PySide6/Qt/translations/"

# Plugin folders kept, each with the file-name fragments kept inside it (None: the whole folder).
# Every other folder (QML tooling, SQL drivers, EGL device integrations, evdev input, print
# support, OpenGL integrations for xcb and Wayland, TLS, network information, ...) is left out.
KEPT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    # xcb (X11) and wayland on Linux, cocoa on macOS, windows on Windows; offscreen runs the app
    # without a display (benchmarks, screenshots).
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qcocoa", "qwindows"),
    # The desktop portal gives native file dialogs and the dark/light preference on Linux; the GTK 3
    # theme would drag a private copy of GTK's libraries into the bundle.
    "platformthemes": ("xdgdesktopportal",),
    # Compose keys (dead keys for accented letters) and IBus input methods: writers type in them.
    "platforminputcontexts": None,
    # System icon themes draw dialog icons from SVG files.
    "iconengines": ("svg",),
    "imageformats": ("svg",),
    "styles": None,  # the native look on Windows and macOS
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": None,
}

# Linux libraries that Python's own modules link against and that we ship on purpose: SQLite is
# the store (its version and FTS5 are what the tests ran on), OpenSSL backs hashlib, the rest are
# small compression and helper libraries whose package names differ between Debian releases.
BUNDLED_SYSTEM_LIBRARIES = re.compile(
    r"^lib(sqlite3|ssl|crypto|ffi|bz2|lzma|z|zstd|uuid|expat|mpdec)\.so(\.\d+)*$"
)
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")

# Python modules only a terminal session uses (and their libraries: readline, ncurses).
UNUSED_PYTHON_MODULES = ("readline", "curses", "_curses", "_curses_panel", "tkinter", "_tkinter")


def kept_data(entry: Entry) -> bool:
    """False for Qt's translations: the app's text is English only, so Qt's would mix languages."""
    return not entry[0].replace("\\", "/").startswith(QT_TRANSLATIONS_PREFIX)


def kept_plugin(entry: Entry) -> bool:
    """True for every binary that is not a Qt plugin, and for the plugins listed in KEPT_PLUGINS."""
    destination = entry[0].replace("\\", "/")
    if not destination.startswith(QT_PLUGIN_PREFIX):
        return True
    parts = destination[len(QT_PLUGIN_PREFIX) :].split("/")
    if len(parts) != 2 or parts[0] not in KEPT_PLUGINS:
        return False
    fragments = KEPT_PLUGINS[parts[0]]
    return fragments is None or any(fragment in parts[1] for fragment in fragments)


def is_left_to_the_system(entry: Entry) -> bool:
    """True for a Linux system library the target machine provides itself (the .deb declares it)."""
    source = entry[1]
    name = PurePosixPath(entry[0]).name
    return source.startswith(SYSTEM_LIBRARY_DIRS) and not BUNDLED_SYSTEM_LIBRARIES.match(name)


def is_unused_module(entry: Entry) -> bool:
    """True for the extension modules of UNUSED_PYTHON_MODULES (``lib-dynload/readline.*.so``)."""
    name = PurePosixPath(entry[0].replace("\\", "/")).name
    return name.split(".")[0] in UNUSED_PYTHON_MODULES


def linked_closure(
    roots: Iterable[str], needed: Callable[[str], Iterable[str]], available: dict[str, str]
) -> set[str]:
    """Library names reachable from ``roots`` (source paths) through ``needed`` (a file's imports).

    ``available`` maps each bundled library's file name to its source path; a name not in it is
    the system's business and is not followed.
    """
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        for name in needed(pending.pop()):
            if name in available and name not in seen:
                seen.add(name)
                pending.append(available[name])
    return seen


def _file_name(destination: str) -> str:
    return PurePosixPath(destination.replace("\\", "/")).name


def _is_loose_library(destination: str) -> bool:
    """A plain shared library (``libfoo.so.1``, ``foo.dll``, ``libfoo.dylib``), not a module or plugin."""
    path = destination.replace("\\", "/")
    name = PurePosixPath(path).name
    if path.startswith(QT_PLUGIN_PREFIX) or ".cpython-" in name or ".abi3." in name or name.endswith(".pyd"):
        return False
    return bool(re.search(r"\.(so(\.\d+)*|dylib|dll)$", name, re.IGNORECASE))


def pruned_binaries(
    binaries: list[Entry], needed: Callable[[str], Iterable[str]], *, linux: bool, python_library: str
) -> Iterator[Entry]:
    """The binaries to ship: kept plugins, used modules, and only the libraries they still link.

    Dropping a plugin leaves behind the libraries only it used (EGL device integration, OpenGL,
    QtNetwork); those go too. ``python_library`` (the bootloader loads it by hand) always stays.
    """
    kept = [e for e in binaries if kept_plugin(e) and not is_unused_module(e)]
    if linux:
        kept = [e for e in kept if not is_left_to_the_system(e)]
    available = {_file_name(e[0]): e[1] for e in kept if _is_loose_library(e[0]) and e[2] != SYMLINK_TYPECODE}
    roots = [e[1] for e in kept if not _is_loose_library(e[0]) and e[2] != SYMLINK_TYPECODE]
    used = linked_closure(roots, needed, available) | {python_library}
    for entry in kept:
        if not _is_loose_library(entry[0]) or _file_name(entry[0]) in used:
            yield entry
