"""``manifest.json``: the signed description of a bundle, and its canonical bytes.

The manifest is the only signed object. It names the signer and lists every other member with its
SHA-256 and size, so checking the signature and then the hashes covers the whole bundle.

:class:`ManifestBase` holds what every bundle kind's manifest has (format, chain, signer, app,
files); a kind subclasses it with its format name, records member and counts (:class:`Manifest`
for rewrite bundles, ``verdicts.manifest.VerdictManifest`` for verdict bundles).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError, model_validator

from workstation.core.bundles.canonical_json import JsonInputError, canonical_json_bytes, loads_strict
from workstation.core.bundles.errors import BundleRejected, RejectReason
from workstation.core.bundles.member_paths import member_path_problem
from workstation.core.bundles.spec import (
    CONTAINER_FORMAT_VERSION,
    FORMAT_NAME,
    FORMAT_VERSION,
    READABLE_FORMAT_VERSIONS,
    RECORDS_MEMBER,
    RESERVED_MEMBERS,
)
from workstation.core.signing import KeyFormatError, PublicKey

CREATED_AT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_SHA256_HEX = r"^[0-9a-f]{64}$"
_BUNDLE_ID = r"^sha256:[0-9a-f]{64}$"
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
MAX_SIGNER_NAME_CHARS = 128


def signer_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a signer name, or None.

    Names appear in reviewers' lists and in the signature's trusted comment, so they must be one
    line, trimmed, and free of control and text-direction characters that could disguise them.
    """
    if not name or name != name.strip():
        return "signer name must be non-empty without leading or trailing spaces"
    if len(name) > MAX_SIGNER_NAME_CHARS:
        return f"signer name may have at most {MAX_SIGNER_NAME_CHARS} characters"
    if any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in _BIDI_CONTROLS for char in name):
        return "signer name contains control or text-direction characters"
    return None


def versions_words(versions: frozenset[int]) -> str:
    """``version 1`` or ``versions 1 and 2``: the versions a reader opens, for its messages."""
    ordered = [str(version) for version in sorted(versions)]
    if len(ordered) == 1:
        return f"version {ordered[0]}"
    return f"versions {', '.join(ordered[:-1])} and {ordered[-1]}"


def format_created_at(moment: datetime) -> str:
    """The manifest's timestamp form: UTC, whole seconds, ``Z`` suffix (sub-seconds are dropped)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("created_at must be timezone-aware")
    return moment.astimezone(UTC).strftime(CREATED_AT_FORMAT)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SignerInfo(_Frozen):
    """Who sealed the bundle: display name plus the key that must have signed it."""

    name: StrictStr
    fingerprint: Annotated[StrictStr, Field(pattern=_SHA256_HEX)]
    key_id: Annotated[StrictStr, Field(pattern=r"^[0-9A-F]{16}$")]
    public_key: StrictStr

    @model_validator(mode="after")
    def _key_fields_agree(self) -> SignerInfo:
        problem = signer_name_problem(self.name)
        if problem:
            raise ValueError(problem)
        key = self.parsed_public_key()
        if key.fingerprint != self.fingerprint:
            raise ValueError("signer fingerprint does not match the public key")
        if key.key_id_hex != self.key_id:
            raise ValueError("signer key_id does not match the public key")
        return self

    def parsed_public_key(self) -> PublicKey:
        """The signer's key as a PublicKey (raises ValueError when the base64 is not a minisign key)."""
        try:
            return PublicKey.from_base64(self.public_key)
        except KeyFormatError as exc:
            raise ValueError(f"signer public_key: {exc}") from exc


class AppInfo(_Frozen):
    """The program that sealed the bundle, for support questions; not trusted for anything."""

    name: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    version: Annotated[StrictStr, Field(min_length=1, max_length=100)]


class FileEntry(_Frozen):
    """One listed member: path inside the zip, SHA-256 (hex) and size in bytes of its content."""

    path: StrictStr
    sha256: Annotated[StrictStr, Field(pattern=_SHA256_HEX)]
    size: Annotated[StrictInt, Field(ge=0)]

    @model_validator(mode="after")
    def _path_is_safe(self) -> FileEntry:
        problem = member_path_problem(self.path)
        if problem:
            raise ValueError(problem)
        if self.path in RESERVED_MEMBERS:
            raise ValueError(f"{self.path!r} cannot be listed in files")
        return self


class Counts(_Frozen):
    """How many items the bundle carries (checked against the records on open)."""

    rewrites: Annotated[StrictInt, Field(ge=0)]


class ManifestBase(_Frozen):
    """The fields and checks every bundle kind's ``manifest.json`` shares (container version 1).

    Subclasses set :attr:`FORMAT_NAME` and :attr:`RECORDS_MEMBER` and narrow ``format`` and
    ``counts`` (whose one field is named after the kind: ``rewrites``, ``verdicts``). A kind
    whose records changed form sets :attr:`FORMAT_VERSION` (what it seals) and
    :attr:`READABLE_VERSIONS` (what it opens); the others stay at version 1.
    """

    FORMAT_NAME: ClassVar[str]
    RECORDS_MEMBER: ClassVar[str]
    FORMAT_VERSION: ClassVar[int] = CONTAINER_FORMAT_VERSION
    READABLE_VERSIONS: ClassVar[frozenset[int]] = frozenset({CONTAINER_FORMAT_VERSION})

    format: StrictStr
    format_version: StrictInt
    bundle_seq: Annotated[StrictInt, Field(ge=1)]
    prev_bundle_id: Annotated[StrictStr, Field(pattern=_BUNDLE_ID)] | None
    created_at: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    signer: SignerInfo
    app: AppInfo
    files: Annotated[tuple[FileEntry, ...], Field(min_length=1)]
    counts: BaseModel

    @model_validator(mode="after")
    def _consistent(self) -> ManifestBase:
        try:
            datetime.strptime(self.created_at, CREATED_AT_FORMAT)
        except ValueError as exc:
            raise ValueError(f"created_at is not a real time: {exc}") from exc
        if self.format_version not in self.READABLE_VERSIONS:
            raise ValueError(
                f"format_version {self.format_version} is not {versions_words(self.READABLE_VERSIONS)}"
            )
        if (self.bundle_seq == 1) != (self.prev_bundle_id is None):
            raise ValueError("the first bundle of a signer (bundle_seq 1) and only it has no prev_bundle_id")
        paths = [entry.path for entry in self.files]
        if len(set(paths)) != len(paths):
            raise ValueError("a path is listed twice in files")
        if self.RECORDS_MEMBER not in paths:
            raise ValueError(f"files must list {self.RECORDS_MEMBER}")
        return self

    def file_entry(self, path: str) -> FileEntry:
        """The listed entry for ``path`` (KeyError when it is not listed)."""
        for entry in self.files:
            if entry.path == path:
                return entry
        raise KeyError(path)

    def to_bytes(self) -> bytes:
        """Canonical JSON bytes: exactly what is stored, signed and hashed into the bundle id."""
        return canonical_json_bytes(self.model_dump(mode="json"))


class Manifest(ManifestBase):
    """The whole of a rewrite bundle's ``manifest.json``, format versions 1 and 2 alike (version 2
    changed the records, not the manifest)."""

    FORMAT_NAME: ClassVar[str] = FORMAT_NAME
    RECORDS_MEMBER: ClassVar[str] = RECORDS_MEMBER
    FORMAT_VERSION: ClassVar[int] = FORMAT_VERSION
    READABLE_VERSIONS: ClassVar[frozenset[int]] = READABLE_FORMAT_VERSIONS

    format: Literal["rewrite-workstation.bundle"]
    counts: Counts


def parse_manifest[M: ManifestBase](data: bytes, manifest_type: type[M] = Manifest) -> M:  # type: ignore[assignment]
    """Parse manifest bytes from a bundle, refusing anything but canonical JSON of a version read.

    ``manifest_type`` is the kind expected (a rewrite bundle's unless told). The format name and
    version are checked before the rest, so a bundle of a version this program does not read is
    reported as an unsupported version, and another kind of bundle as an unknown format, rather
    than as a broken manifest. Raises BundleRejected.
    """
    format_name = manifest_type.FORMAT_NAME
    try:
        raw: Any = loads_strict(data)
    except JsonInputError as exc:
        raise BundleRejected(
            RejectReason.MANIFEST_INVALID, f"manifest.json is not strict JSON: {exc}"
        ) from exc
    if not isinstance(raw, dict):
        raise BundleRejected(RejectReason.MANIFEST_INVALID, "manifest.json is not a JSON object")
    if raw.get("format") != format_name:
        raise BundleRejected(
            RejectReason.UNKNOWN_FORMAT, f"format is {raw.get('format')!r}, not {format_name!r}"
        )
    version = raw.get("format_version")
    readable = manifest_type.READABLE_VERSIONS
    if type(version) is not int or version not in readable:
        raise BundleRejected(
            RejectReason.UNSUPPORTED_VERSION,
            f"format_version {version!r} is not supported (this program reads {versions_words(readable)})",
        )
    try:
        manifest = manifest_type.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "manifest"
        raise BundleRejected(RejectReason.MANIFEST_INVALID, f"{where}: {first['msg']}") from exc
    if canonical_json_bytes(raw) != data:
        raise BundleRejected(RejectReason.MANIFEST_INVALID, "manifest.json is not in canonical JSON form")
    return manifest
