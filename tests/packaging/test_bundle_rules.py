"""What the frozen app leaves out (packaging/bundle_rules.py), checked without building anything."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

import bundle_rules

PLUGINS = "PySide6/Qt/plugins"


def binary(
    destination: str, source: str = "/venv/site-packages/x", typecode: str = "BINARY"
) -> bundle_rules.Entry:
    return (destination, source, typecode)


def test_the_window_platforms_stay_and_qml_pdf_and_egl_plugins_go() -> None:
    kept = [
        f"{PLUGINS}/platforms/libqxcb.so",
        f"{PLUGINS}/platforms/libqwayland.so",
        f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so",
        f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    ]
    dropped = [
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platforms/libqvnc.so",
        f"{PLUGINS}/qmltooling/libqmldbg_debugger.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
        f"{PLUGINS}/sqldrivers/libqsqlite.so",
        f"{PLUGINS}/imageformats/libqjpeg.so",
    ]
    assert all(bundle_rules.kept_plugin(binary(path)) for path in kept)
    assert not any(bundle_rules.kept_plugin(binary(path)) for path in dropped)


def test_qt_translations_are_left_out_and_the_spelling_dictionaries_stay() -> None:
    assert not bundle_rules.kept_data(("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"))
    assert bundle_rules.kept_data(("resources/demo/tasks.jsonl", "/x", "DATA"))
    assert bundle_rules.kept_data(("resources/dictionaries/en-GB/en_GB.dic", "/x", "DATA"))
    assert bundle_rules.kept_data(("resources/dictionaries/en-GB/COPYRIGHT.txt", "/x", "DATA"))


def test_the_hunspell_library_its_binding_links_stays() -> None:
    module = "hunspell/hunspell.cpython-313-x86_64-linux-gnu.so"
    links = {"/venv/hunspell/hunspell.so": ["libhunspell-1.7.so.0", "libstdc++.so.6"]}
    binaries = [
        binary(module, "/venv/hunspell/hunspell.so"),
        binary("hunspell/libhunspell-1.7.so.0", "/venv/hunspell/libhunspell-1.7.so.0"),
        binary("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"),
    ]
    kept = [
        entry[0]
        for entry in bundle_rules.pruned_binaries(
            binaries, lambda path: links.get(path, []), linux=True, python_library="libpython3.13.so.1.0"
        )
    ]
    assert kept == [module, "hunspell/libhunspell-1.7.so.0"]  # libstdc++ is the system's


def test_system_libraries_are_left_to_the_system_except_the_ones_python_needs_pinned() -> None:
    assert bundle_rules.is_left_to_the_system(
        binary("libglib-2.0.so.0", "/lib/x86_64-linux-gnu/libglib-2.0.so.0")
    )
    assert bundle_rules.is_left_to_the_system(
        binary("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6")
    )
    assert not bundle_rules.is_left_to_the_system(binary("libsqlite3.so.0", "/usr/lib/libsqlite3.so.0"))
    assert not bundle_rules.is_left_to_the_system(
        binary("libicuuc.so.73", "/venv/PySide6/Qt/lib/libicuuc.so.73")
    )


def test_libraries_only_a_dropped_plugin_linked_are_pruned_and_the_python_library_stays() -> None:
    links = {
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libqeglfs.so": ["libQt6EglFSDeviceIntegration.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
    }
    binaries = [
        binary(f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so"),
        binary(f"{PLUGINS}/platforms/libqeglfs.so", "/src/libqeglfs.so"),
        binary("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6"),
        binary("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6"),
        binary("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/src/libQt6EglFSDeviceIntegration.so.6"),
        binary("libpython3.13.so.1.0", "/py/libpython3.13.so.1.0"),
        binary("lib-dynload/readline.cpython-313-x86_64-linux-gnu.so", "/py/readline.so"),
    ]
    kept = {
        entry[0].rsplit("/", 1)[-1]
        for entry in bundle_rules.pruned_binaries(
            binaries, lambda path: links.get(path, []), linux=True, python_library="libpython3.13.so.1.0"
        )
    }
    assert kept == {"libqxcb.so", "libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libpython3.13.so.1.0"}
