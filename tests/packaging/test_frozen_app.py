"""The frozen desktop app, built by ``packaging/build.py`` and run as a writer's machine would.

Marked ``packaging`` (deselected by default): the build takes a few minutes. ``.ci/run`` runs it
when the build tools are present: ``python -m pytest -m packaging tests/packaging``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from workstation import DESKTOP_ID, __version__  # noqa: E402
from workstation.core.store import DB_FILE_NAME  # noqa: E402

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(1800)]
BUILD_TIMEOUT_S = 1500
WINDOW_TIMEOUT_S = 60
ARCHIVE_LIMIT_MB = 90


@pytest.fixture(scope="module")
def built() -> dict[str, Path]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    dist = ROOT / "dist"
    made = {"app": ROOT / "build" / "freeze" / "dist" / "workstation"}
    made["archive"] = next(dist.glob(f"rewrite-workstation-{__version__}-linux-*.tar.xz"))
    debs = list(dist.glob(f"rewrite-workstation_{__version__}_*.deb"))
    if debs:
        made["deb"] = debs[0]
    return made


@pytest.fixture
def unpacked(built: dict[str, Path], tmp_path: Path) -> Path:
    """The archive unpacked the way a writer would, away from the checkout."""
    with tarfile.open(built["archive"]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (app,) = (tmp_path / "unpacked").iterdir()
    return app / "workstation"


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A writer's environment: a fresh home, nothing of the checkout's Python on any path."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": str(home / "tmp")}
    (home / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


def run(command: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)


def test_the_archive_is_small_enough_to_download(built: dict[str, Path]) -> None:
    size_mb = built["archive"].stat().st_size / 1e6
    assert size_mb < ARCHIVE_LIMIT_MB, f"archive is {size_mb:.1f} MB"


def test_version_and_a_headless_command_work_unpacked(unpacked: Path, tmp_path: Path) -> None:
    env = user_env(tmp_path / "home")
    version = run([str(unpacked), "--version"], env)
    assert version.returncode == 0 and version.stdout.strip() == f"workstation {__version__}"
    demo_tasks = unpacked.parent / "_internal" / "resources" / "demo" / "tasks.jsonl"
    data = tmp_path / "data"
    assert run([str(unpacked), "--data-dir", str(data), "import", str(demo_tasks)], env).returncode == 0
    stats = run([str(unpacked), "--data-dir", str(data), "stats", "--json"], env)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["tasks"] == 48
    lint = run([str(unpacked), "lint", str(demo_tasks.parent / "guidelines.md")], env, timeout=60)
    assert lint.returncode in (0, 1) and "Traceback" not in lint.stderr


def test_the_window_opens_on_the_demo_and_writes_only_its_folders(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = user_env(home, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [str(unpacked), "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    log_text = ""
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while time.monotonic() < deadline and "the window is ready" not in log_text:
        time.sleep(0.2)
        logs = list((home / "tmp").glob("workstation-demo-*/logs/workstation.log"))
        log_text = logs[0].read_text(encoding="utf-8") if logs else ""
        assert child.poll() is None, child.communicate()
    # The spelling dictionary (Hunspell, from the bundled resources) loads in the background just
    # after the window; its line in the log proves libhunspell and the dictionaries were frozen.
    while time.monotonic() < deadline and "spelling: the en-US dictionary loaded" not in log_text:
        time.sleep(0.2)
        log_text = logs[0].read_text(encoding="utf-8")
    child.terminate()  # SIGTERM closes the window the normal way
    _out, err = child.communicate(timeout=30)
    assert "the window is ready" in log_text
    assert "spelling: the en-US dictionary loaded" in log_text, log_text
    assert " ERROR " not in log_text and "dictionary cannot be used" not in log_text, log_text
    assert child.returncode == 0, err
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    settings_dir = f".config/{DESKTOP_ID}/"
    assert all(path.startswith(settings_dir) for path in written), written  # the demo folder is gone


def test_a_store_from_a_newer_release_is_refused_in_words(unpacked: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = user_env(tmp_path / "home")
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text('{"id": "t1", "prompt": "Say hi.", "response": "Hello there!"}\n', encoding="utf-8")
    made = run([str(unpacked), "--data-dir", str(data), "import", str(tasks), "--project", "P"], env)
    assert made.returncode == 0, made.stderr
    assert run([str(unpacked), "--data-dir", str(data), "stats"], env).returncode == 0
    conn = sqlite3.connect(data / DB_FILE_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()  # the last connection: the change is checkpointed into the file, as a newer app leaves it
    before = (data / DB_FILE_NAME).read_bytes()
    stats = run([str(unpacked), "--data-dir", str(data), "stats"], env)
    assert stats.returncode == 1 and "newer" in stats.stderr and "Traceback" not in stats.stderr
    window = subprocess.Popen(
        [str(unpacked), "--data-dir", str(data)],
        env=env | {"QT_QPA_PLATFORM": "offscreen"},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert window.stderr is not None
    first_line = window.stderr.readline()  # printed before the dialog that says the same
    window.kill()
    window.wait()
    assert first_line.startswith("workstation: ") and "newer" in first_line
    assert (data / DB_FILE_NAME).read_bytes() == before


def test_without_a_display_it_says_so_and_exits_non_zero(unpacked: Path, tmp_path: Path) -> None:
    result = run([str(unpacked), "--data-dir", str(tmp_path / "data")], user_env(tmp_path / "home"))
    assert result.returncode == 1
    assert "no display" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs root and unshare")
def test_a_read_only_data_folder_is_refused_in_words(unpacked: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs tmpfs {disk} && mount -o remount,ro {disk} && "
        f"exec {unpacked} --data-dir {disk}/data stats"
    )
    result = run(["unshare", "-m", "sh", "-c", script], user_env(tmp_path / "home"))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("workstation: ") and "Traceback" not in result.stderr


def test_desktop_file_and_metainfo_validate() -> None:
    linux = ROOT / "packaging" / "linux"
    if shutil.which("desktop-file-validate") is None or shutil.which("appstreamcli") is None:
        pytest.skip("desktop-file-utils and appstream are not installed")
    desktop = run(["desktop-file-validate", str(linux / f"{DESKTOP_ID}.desktop")], dict(os.environ))
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout
    # --no-net: the screenshots are web addresses and this machine reaches no web host.
    metainfo = run(["appstreamcli", "validate", "--no-net", str(linux / f"{DESKTOP_ID}.metainfo.xml")], {})
    assert metainfo.returncode == 0, metainfo.stdout


def test_the_deb_declares_qt_libraries_and_installs_the_menu_entry(built: dict[str, Path]) -> None:
    if "deb" not in built:
        pytest.skip("no dpkg-deb on this machine")
    info = run(["dpkg-deb", "--field", str(built["deb"]), "Depends"], dict(os.environ)).stdout
    for package in ("libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1", "libegl1", "libdbus-1-3"):
        assert package in info
    listing = run(["dpkg-deb", "--contents", str(built["deb"])], dict(os.environ)).stdout
    for path in (
        f"./usr/share/applications/{DESKTOP_ID}.desktop",
        f"./usr/share/metainfo/{DESKTOP_ID}.metainfo.xml",
        f"./usr/share/icons/hicolor/256x256/apps/{DESKTOP_ID}.png",
        "./usr/share/man/man1/workstation.1.gz",
        "./usr/bin/workstation -> /opt/rewrite-workstation/workstation",
        "./opt/rewrite-workstation/_internal/resources/demo/tasks.jsonl",
    ):
        assert path in listing
