"""Hostile and honest bundles for measuring the verifier's peak memory, and the child that measures.

Each bundle is validly signed by some key (a verifier with ``accept_any`` trust opens it as far as
it goes), so what it costs is the verifier's doing, not the signature check's:

* ``declared_gigabyte``: the manifest and the directory declare a 1 GB records member, backed by
  a 15 MB deflate stream that really inflates to 1 GB (under the 100:1 ratio limit);
* ``lying_bomb``: declares 1 MiB, its deflate stream holds 1 GiB of zeros;
* ``bomb_within_limits``: declares 250 MB honestly, 2.5 MB of line-free random bytes then zeros,
  so the whole member is one "line";
* ``largest_allowed``: valid records filling the 256 MiB records limit (the most the limits let
  any signer make a verifier hold);
* ``valid_10000``: the benchmark's 10,000 rewrites of ~300 words, sealed normally.

Run as a script (``python -m tests.core.bundles.bundle_memory FILE [--tracemalloc]``) it opens the
bundle in FILE and prints one JSON line: the outcome and the peak memory the verification added
(Linux: ``VmHWM`` after resetting it, see :func:`_reset_peak_rss_kib`).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.core.bundles.raw_zip import RawMember, raw_zip
from workstation.core.bundles import BundleRejected, SignerTrust, open_bundle, seal_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import (
    FORMAT_VERSION,
    MANIFEST_MEMBER,
    MIMETYPE,
    MIMETYPE_MEMBER,
    RECORDS_MEMBER,
    SIGNATURE_MEMBER,
    SIGNATURE_UNTRUSTED_COMMENT,
    bundle_id_for,
    trusted_comment_for,
)
from workstation.core.signing import SecretKey, sign_minisig

REPO = Path(__file__).resolve().parents[3]
_MIB = 1024 * 1024


def _manifest(key: SecretKey, size: int, sha256: str, count: int) -> bytes:
    public = key.public_key
    return canonical_json_bytes(
        {
            "format": "rewrite-workstation.bundle",
            "format_version": FORMAT_VERSION,
            "bundle_seq": 1,
            "prev_bundle_id": None,
            "created_at": "2025-03-01T12:00:00Z",
            "signer": {
                "name": "Mallory",
                "fingerprint": public.fingerprint,
                "key_id": public.key_id_hex,
                "public_key": public.to_base64(),
            },
            "app": {"name": "probe", "version": "1"},
            "files": [{"path": RECORDS_MEMBER, "sha256": sha256, "size": size}],
            "counts": {"rewrites": count},
        }
    )


def signed_bundle(key: SecretKey, records: RawMember, sha256: str = "0" * 64, count: int = 1) -> bytes:
    """A bundle around ``records`` whose manifest declares ``records.size`` and is validly signed."""
    manifest = _manifest(key, records.size, sha256, count)
    comment = trusted_comment_for(bundle_id_for(manifest), "Mallory", key.public_key.fingerprint)
    signature = sign_minisig(
        manifest, key, trusted_comment=comment, untrusted_comment=SIGNATURE_UNTRUSTED_COMMENT
    )
    return raw_zip(
        [
            RawMember(MIMETYPE_MEMBER, MIMETYPE.encode(), 0),
            RawMember(MANIFEST_MEMBER, manifest, 0),
            RawMember(SIGNATURE_MEMBER, signature.to_text().encode(), 0),
            records,
        ]
    )


def _deflated_member(
    head: bytes, zeros: int, level: int, declared_size: int | None = None
) -> tuple[RawMember, str]:
    """A records member holding ``head`` then ``zeros`` zero bytes, and that content's SHA-256.

    The CRC-32 and SHA-256 are right, so a verifier can only refuse it on size or content.
    """
    deflater = zlib.compressobj(level, zlib.DEFLATED, -15)
    pieces = [deflater.compress(head)]
    crc, digest = zlib.crc32(head), hashlib.sha256(head)
    block = bytes(_MIB)
    for piece in [block] * (zeros // _MIB) + [bytes(zeros % _MIB)]:
        pieces.append(deflater.compress(piece))
        crc = zlib.crc32(piece, crc)
        digest.update(piece)
    pieces.append(deflater.flush())
    size = len(head) + zeros if declared_size is None else declared_size
    return RawMember(RECORDS_MEMBER, b"", 8, b"".join(pieces), size, crc), digest.hexdigest()


def declared_gigabyte(key: SecretKey) -> bytes:
    head = random.Random(1).randbytes(10 * _MIB)
    member, sha256 = _deflated_member(head, 944 * _MIB, 1)  # about 1.0e9 bytes in all
    return signed_bundle(key, member, sha256)


def lying_bomb(key: SecretKey) -> bytes:
    member, _ = _deflated_member(b"", 1024 * _MIB, 1, declared_size=_MIB)
    return signed_bundle(key, member)


def bomb_within_limits(key: SecretKey) -> bytes:
    head = random.Random(2).randbytes(5 * _MIB // 2).replace(b"\n", b" ")
    member, sha256 = _deflated_member(head, 250 * 1000 * 1000 - len(head), 1)
    return signed_bundle(key, member, sha256)


def largest_allowed(key: SecretKey) -> bytes:
    """Valid records filling the records limit (256 MiB): the most memory the limits allow."""
    original = "As an AI language model, I would say this matters."
    digest = hashlib.sha256(original.encode()).hexdigest()
    letters = bytes(range(97, 123)) * 10  # 260 entries: every byte value maps to a letter
    text = random.Random(3).randbytes(_MIB).translate(letters[:256]).decode()
    lines = []
    total = 0
    while True:
        record = {
            "rewrite_id": f"rw-{len(lines):08d}",
            "task_id": "t",
            "original_sha256": digest,
            "original": original,
            "rewrite": text[len(lines) % 1000 * 1000 :][:4000],
            "status": "submitted",
        }
        line = canonical_json_bytes(record) + b"\n"
        if total + len(line) > 256 * _MIB:
            break
        lines.append(line)
        total += len(line)
    content = b"".join(lines)
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
    deflated = deflater.compress(content) + deflater.flush()
    member = RawMember(RECORDS_MEMBER, b"", 8, deflated, len(content), zlib.crc32(content))
    return signed_bundle(key, member, hashlib.sha256(content).hexdigest(), len(lines))


def valid_records_bundle(key: SecretKey, count: int) -> bytes:
    """``count`` of the benchmark's realistic records, sealed the normal way."""
    sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
    from bench_bundles import make_records

    records = make_records(count)
    return seal_bundle(
        records,
        signer=key,
        signer_name="Bench Writer",
        bundle_seq=1,
        prev_bundle_id=None,
        created_at=datetime(2025, 3, 1, tzinfo=UTC),
    ).data


def measure(bundle: Path, *, use_tracemalloc: bool = False, code_root: Path = REPO) -> dict[str, Any]:
    """Open ``bundle`` in a fresh child (code from ``code_root``) and return its figures."""
    command = [sys.executable, "-m", "tests.core.bundles.bundle_memory", str(bundle)]
    if use_tracemalloc:
        command.append("--tracemalloc")
    env = {**os.environ, "PYTHONPATH": f"{code_root}{os.pathsep}{REPO}"}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=code_root.parent, timeout=600, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"memory probe failed: {result.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kib(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak_rss_kib() -> int:
    """Reset the peak-RSS mark to the current RSS and return it (KiB).

    ``ru_maxrss`` cannot be used alone: Linux carries the parent's peak across ``exec``, so a child
    of a big test process starts with its parent's figure. Writing 5 to ``clear_refs`` resets
    ``VmHWM`` to the present ``VmRSS``.
    """
    _CLEAR_REFS.write_text("5")
    return _status_kib("VmRSS")


def _peak_rss_kib() -> int:
    return _status_kib("VmHWM")


def _probe(path: Path, use_tracemalloc: bool) -> dict[str, Any]:
    data = path.read_bytes()
    if use_tracemalloc:
        tracemalloc.start()
    before_kib = _reset_peak_rss_kib()
    started = time.perf_counter()
    try:
        opened = open_bundle(data, trust=SignerTrust.accept_any())
        outcome = f"opened {len(opened.records)} records"
    except BundleRejected as rejection:
        outcome = f"refused: {rejection.reason_code.value}"
    except MemoryError:
        outcome = "MemoryError"
    seconds = time.perf_counter() - started
    figures: dict[str, Any] = {
        "bundle_mb": round(len(data) / 1e6, 1),
        "outcome": outcome,
        "seconds": round(seconds, 2),
        "peak_rss_added_mb": round((_peak_rss_kib() - before_kib) / 1024, 1),
    }
    if use_tracemalloc:
        figures["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 1)
    return figures


if __name__ == "__main__":
    limit = os.environ.get("BUNDLE_MEMORY_LIMIT_BYTES")
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))
    print(json.dumps(_probe(Path(sys.argv[1]), "--tracemalloc" in sys.argv[2:])))
