"""The Debian package: the frozen app under /opt, on the menu, with the system libraries it needs.

``apt install ./rewrite-workstation_VERSION_ARCH.deb`` installs it and whatever those libraries
pull in. The Depends line is worked out from the frozen app itself: every shared library a
bundled file links against and the bundle does not carry is looked up with ``dpkg -S``, so the
line follows the build (a plugin added or dropped changes it) instead of a list kept by hand.
No maintainer scripts: dpkg's triggers refresh the menu and the icon cache.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

from sizes import folder_size

from workstation import APP_ID, DESKTOP_ID, __version__

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons" / "hicolor"
INSTALL_DIR = f"/opt/{APP_ID}"
COMMAND = "workstation"
MAINTAINER = "Rewrite Workstation developers <rewrite-workstation@users.noreply.github.com>"
SUMMARY = "Offline workstation for rewriting model outputs into human prose"
DESCRIPTION = """\
 Writers rewrite a model's output beside the original, with a live word diff,
 robotic-pattern and spelling underlines, active-time tracking and an
 autosave that never loses a keystroke. Work is kept in a local SQLite store
 and leaves the laptop as signed rewrite bundles.
"""
# Libraries whose package a build machine might lack, so ldd cannot name it: the hint to install.
KNOWN_PACKAGES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-client.so.0": "libwayland-client0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
_LDD_LINE = re.compile(r"^\s*(\S+) => (not found|\S+)")


class DebError(Exception):
    """The package cannot be built as asked; the message says what to install or fix."""


def system_libraries(app: Path) -> dict[str, str]:
    """Each library the bundle needs from the system, by name, with the path ldd found it at."""
    env = {**os.environ, "LD_LIBRARY_PATH": str(app / "_internal")}
    found: dict[str, str] = {}
    missing: set[str] = set()
    for path in sorted(app.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        output = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for match in map(_LDD_LINE.match, output.splitlines()):
            if match is None or match.group(2).startswith(str(app)):
                continue
            if match.group(2) == "not found":
                missing.add(match.group(1))
            else:
                found[match.group(1)] = match.group(2)
    if missing:
        hints = ", ".join(f"{name} ({KNOWN_PACKAGES.get(name, 'its package')})" for name in sorted(missing))
        raise DebError(f"the app links libraries this machine lacks, so their packages are unknown: {hints}")
    return found


def packages_for(libraries: dict[str, str]) -> list[str]:
    """The Debian packages that own ``libraries`` (``dpkg -S``), without architecture suffixes."""
    owners: set[str] = set()
    for path in libraries.values():
        result = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if result.returncode != 0:  # /lib is a link to /usr/lib on merged-/usr systems
            result = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True)
        if result.returncode != 0:
            raise DebError(f"no Debian package owns {path}; install the library from a package")
        owners.add(result.stdout.split(":", 1)[0].strip())
    return sorted(owners)


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def architecture() -> str:
    result = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def control_file(depends: list[str], installed_kib: int) -> str:
    return (
        f"Package: {APP_ID}\n"
        f"Version: {__version__}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: text\n"
        "Priority: optional\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}"
    )


def lay_out(app: Path, root: Path) -> None:
    """The installed file tree under ``root``, as dpkg will unpack it."""
    shutil.copytree(app, root / INSTALL_DIR.lstrip("/"), symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / COMMAND).symlink_to(f"{INSTALL_DIR}/{COMMAND}")
    share = root / "usr" / "share"
    _copy(LINUX / f"{DESKTOP_ID}.desktop", share / "applications" / f"{DESKTOP_ID}.desktop")
    _copy(LINUX / f"{DESKTOP_ID}.metainfo.xml", share / "metainfo" / f"{DESKTOP_ID}.metainfo.xml")
    shutil.copytree(ICONS, share / "icons" / "hicolor")
    man = share / "man" / "man1" / f"{COMMAND}.1.gz"
    man.parent.mkdir(parents=True)
    man.write_bytes(gzip.compress((LINUX / f"{COMMAND}.1").read_bytes(), mtime=0))
    _copy(ROOT / "LICENSE", share / "doc" / APP_ID / "copyright")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def build_deb(app: Path, out_dir: Path) -> Path:
    """Build ``out_dir/APP_ID_VERSION_ARCH.deb`` from the one-folder ``app``; returns its path."""
    depends = packages_for(system_libraries(app))
    print(f"    Depends: {', '.join(depends)}")
    staging = app.parent / "deb-root"
    shutil.rmtree(staging, ignore_errors=True)
    lay_out(app, staging)
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(control_file(depends, folder_size(staging) // 1024 + 1))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{APP_ID}_{__version__}_{architecture()}.deb"
    command = ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise DebError(f"dpkg-deb failed: {result.stderr.strip()}")
    shutil.rmtree(staging)
    return target
