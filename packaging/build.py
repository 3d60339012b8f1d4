#!/usr/bin/env python3
"""Build the desktop app for this platform in one command: ``python3 packaging/build.py``.

Steps, each printed as it starts:

1. a build environment (``build/freeze-venv``: PyInstaller plus the app's dependencies, made with
   ``scripts/find-python``) unless the running Python already has PyInstaller;
2. the one-folder app with PyInstaller (``packaging/workstation.spec``) in ``build/freeze/dist``,
   its size printed, and a smoke run of ``--version``;
3. the archive a user unpacks: ``dist/rewrite-workstation-VERSION-OS-ARCH.tar.xz`` on Linux
   (``.zip`` of the ``.app`` on macOS, of the folder on Windows);
4. on Linux with ``dpkg-deb``: ``dist/rewrite-workstation_VERSION_ARCH.deb`` (packaging/deb.py).

Exit status 0 when everything asked for was built; 1 with one sentence on stderr otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))

from sizes import folder_size, megabytes  # noqa: E402

from workstation import APP_ID, DESKTOP_ID, __version__  # noqa: E402

BUILD = ROOT / "build"
FREEZE_VENV = BUILD / "freeze-venv"
FREEZE_WORK = BUILD / "freeze" / "work"
FREEZE_DIST = BUILD / "freeze" / "dist"
DIST = ROOT / "dist"
SPEC = ROOT / "packaging" / "workstation.spec"
APP_FOLDER_NAME = "workstation"  # the folder PyInstaller makes; the executable has the same name
VENV_STAMP = "freeze-requirements.sha256"  # which pyproject.toml the build environment was made from


class BuildError(Exception):
    """A step could not be done; the message says which and what to do."""


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(command: list[str], **kwargs: object) -> None:
    result = subprocess.run(command, check=False, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise BuildError(f"{Path(command[0]).name} failed (exit {result.returncode}): {' '.join(command)}")


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def has_pyinstaller() -> bool:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return False
    return True


def ensure_build_environment() -> Path:
    """A Python that has PyInstaller and the app's dependencies (made once, refreshed on change)."""
    python = venv_python(FREEZE_VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = FREEZE_VENV / VENV_STAMP
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    step(f"Making the build environment in {FREEZE_VENV.relative_to(ROOT)} (PyInstaller + dependencies)")
    if not python.exists():
        found = subprocess.run([str(ROOT / "scripts" / "find-python")], capture_output=True, text=True)
        if found.returncode != 0:
            raise BuildError(found.stderr.strip() or "no Python 3.12 or newer found")
        run([found.stdout.strip(), "-m", "venv", str(FREEZE_VENV)])
    run([str(python), "-m", "pip", "install", "--upgrade", "pip"])
    # Not editable: the freezer reads the package from the checkout (the spec's pathex); this
    # brings exactly the dependencies a user's install would have, and PyInstaller.
    run([str(python), "-m", "pip", "install", f"{ROOT}[freeze]"])
    stamp.write_text(wanted + "\n")
    return python


def freeze(python: Path) -> Path:
    step(f"Freezing with PyInstaller into {FREEZE_DIST.relative_to(ROOT)} (about a minute)")
    env = {**os.environ, "WORKSTATION_APP_ID": DESKTOP_ID, "WORKSTATION_VERSION": __version__}
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(FREEZE_DIST), "--workpath", str(FREEZE_WORK), str(SPEC)]
    run(command, env=env)
    app = FREEZE_DIST / ("Rewrite Workstation.app" if sys.platform == "darwin" else APP_FOLDER_NAME)
    remove_dangling_links(app)
    return app


def remove_dangling_links(app: Path) -> None:
    """PyInstaller links top-level names to Qt libraries; those of libraries we left out point nowhere."""
    for path in app.rglob("*"):
        if path.is_symlink() and not path.exists():
            path.unlink()


def executable(app: Path) -> Path:
    if sys.platform == "darwin":
        return app / "Contents" / "MacOS" / APP_FOLDER_NAME
    return app / (APP_FOLDER_NAME + (".exe" if os.name == "nt" else ""))


def smoke_test(app: Path) -> str:
    result = subprocess.run([str(executable(app)), "--version"], capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or __version__ not in result.stdout:
        raise BuildError(f"the frozen app does not start: {result.stdout}{result.stderr}".strip())
    return result.stdout.strip()


def platform_tag() -> str:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def archive(app: Path) -> Path:
    """The file a user downloads and unpacks: one top folder named after the app and version."""
    DIST.mkdir(exist_ok=True)
    top = f"{APP_ID}-{__version__}"
    if sys.platform.startswith("linux"):
        target = DIST / f"{top}-{platform_tag()}.tar.xz"
        step(f"Packing {target.relative_to(ROOT)}")
        if shutil.which("tar") and shutil.which("xz"):  # xz on every core: several times faster
            transform = f"--transform=s,^{APP_FOLDER_NAME},{top},"
            run(["tar", "-C", str(app.parent), transform, "-I", "xz -T0 -6", "-cf", str(target), app.name])
        else:
            with tarfile.open(target, "w:xz", preset=6) as tar:
                tar.add(app, arcname=top)
        return target
    target = DIST / f"{top}-{platform_tag()}.zip"
    step(f"Packing {target.relative_to(ROOT)}")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(app.rglob("*")):
            zipped.write(path, Path(top) / path.relative_to(app))
    return target


def build(*, make_archive: bool, make_deb: bool) -> dict[str, Path]:
    python = Path(sys.executable) if has_pyinstaller() else ensure_build_environment()
    started = time.monotonic()
    app = freeze(python)
    print(f"    one-folder app: {app} ({megabytes(folder_size(app))} MB unpacked)")
    print(f"    {smoke_test(app)} (--version of the frozen app)")
    made = {"app": app}
    if make_archive:
        made["archive"] = archive(app)
        print(f"    {made['archive'].name}: {megabytes(made['archive'].stat().st_size)} MB")
    if make_deb and sys.platform.startswith("linux"):
        if shutil.which("dpkg-deb") is None:
            print("    no dpkg-deb on this machine: the .deb is skipped (apt-get install dpkg-dev)")
        else:
            from deb import DebError, build_deb

            step("Building the .deb")
            try:
                made["deb"] = build_deb(app, DIST)
            except DebError as exc:
                raise BuildError(str(exc)) from exc
            print(f"    {made['deb'].name}: {megabytes(made['deb'].stat().st_size)} MB")
    print(f"==> Done in {time.monotonic() - started:.0f} s")
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the desktop app for this platform.")
    parser.add_argument("--no-archive", action="store_true", help="stop after the one-folder app")
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb (Linux)")
    args = parser.parse_args(argv)
    try:
        build(make_archive=not args.no_archive, make_deb=not args.no_deb)
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
