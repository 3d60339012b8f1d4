"""One version: ``workstation.__version__`` is what the package, ``--version`` and every bundle say.

The version is signed into each bundle's manifest, so two sources that drift apart would make a
reviewer see one version while the installer shipped another.
"""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest

import workstation
from workstation.cli import main
from workstation.core.bundles import SignerTrust, open_bundle, seal_bundle
from workstation.core.models import sha256_text
from workstation.core.signing import SecretKey

REPO = Path(__file__).resolve().parents[1]
DIST_NAME = "rewrite-workstation"


def test_pyproject_reads_the_version_from_the_package() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"], "the version belongs in workstation/__init__.py only"
    assert "version" in pyproject["project"]["dynamic"]
    version_file = REPO / pyproject["tool"]["hatch"]["version"]["path"]
    assert version_file.resolve() == Path(workstation.__file__).resolve()
    assert f'__version__ = "{workstation.__version__}"' in version_file.read_text(encoding="utf-8")


def test_version_option_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"workstation {workstation.__version__}\n"


def test_bundles_are_signed_with_the_package_version() -> None:
    key = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))
    record = {
        "rewrite_id": "rw-1",
        "task_id": "t-1",
        "original": "Certainly!",
        "original_sha256": sha256_text("Certainly!"),
        "rewrite": "Sure.",
        "status": "submitted",
    }
    sealed = seal_bundle(
        [record],
        signer=key,
        signer_name="Ada",
        bundle_seq=1,
        prev_bundle_id=None,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    manifest = open_bundle(sealed.data, trust=SignerTrust.accept_any()).manifest
    assert (manifest.app.name, manifest.app.version) == (workstation.APP_ID, workstation.__version__)


def test_installed_metadata_agrees_with_the_package() -> None:
    """Where this checkout is installed (``scripts/run-tests`` does it), its metadata says the same."""
    try:
        dist = distribution(DIST_NAME)
    except PackageNotFoundError:
        pytest.skip(f"{DIST_NAME} is not installed")
    direct_url = dist.read_text("direct_url.json")
    installed_from = json.loads(direct_url).get("url") if direct_url else None
    installed_here = Path(str(dist.locate_file("workstation/__init__.py"))).resolve()
    if installed_from != REPO.as_uri() and installed_here != Path(workstation.__file__).resolve():
        pytest.skip(
            f"the installed {DIST_NAME} comes from {installed_from or installed_here}, not this checkout"
        )
    assert dist.version == workstation.__version__
