"""Reading and writing key files on disk, crash-safely and with private permissions.

Every write goes to a temporary file in the same folder, is flushed to disk, then renamed over the
target, so a crash leaves either the old file or the new one, never half a key. Secret key files are
created with mode 0600 before any byte of the key is written.
"""

from __future__ import annotations

from pathlib import Path

from workstation.core.files.atomic import write_file_atomically
from workstation.core.signing.errors import KeyFormatError
from workstation.core.signing.kdf import MINISIGN_DEFAULT_KDF, KdfParams
from workstation.core.signing.keys import PublicKey, SecretKey, inspect_secret_key_text

SECRET_KEY_FILE_MODE = 0o600
PUBLIC_KEY_FILE_MODE = 0o644
_MAX_KEY_FILE_BYTES = 64 * 1024
"""Key files are a few hundred bytes; anything this large is not a key file."""
_DEFAULT_SECRET_KEY_COMMENTS = frozenset(
    {"minisign encrypted secret key", "minisign secret key (unencrypted)"}
)


def _read_key_file(path: Path) -> str:
    with open(path, "rb") as handle:
        data = handle.read(_MAX_KEY_FILE_BYTES + 1)
    if len(data) > _MAX_KEY_FILE_BYTES:
        raise KeyFormatError(f"{path}: too large to be a key file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KeyFormatError(f"{path}: not a text key file") from exc


def save_secret_key(
    path: Path,
    key: SecretKey,
    *,
    passphrase: str | bytes | None = None,
    unencrypted: bool = False,
    kdf: KdfParams = MINISIGN_DEFAULT_KDF,
    comment: str | None = None,
) -> None:
    """Write ``key`` as a minisign secret key file (mode 0600), encrypted unless told otherwise."""
    text = key.to_file_text(passphrase=passphrase, unencrypted=unencrypted, kdf=kdf, comment=comment)
    write_file_atomically(Path(path), text.encode("utf-8"), mode=SECRET_KEY_FILE_MODE)


def load_secret_key(path: Path, passphrase: str | bytes | None = None) -> SecretKey:
    """Read a minisign secret key file (ours or minisign's), decrypting it with ``passphrase``."""
    return SecretKey.from_file_text(_read_key_file(Path(path)), passphrase)


def secret_key_file_is_encrypted(path: Path) -> bool:
    """Whether loading this key file will need a passphrase (the GUI asks only when it does)."""
    return inspect_secret_key_text(_read_key_file(Path(path))).encrypted


def secret_key_file_kdf(path: Path) -> KdfParams | None:
    """The scrypt limits an encrypted key file was made with (None for a clear key): they set
    how long unlocking it takes, which the app tells the writer before it starts."""
    return inspect_secret_key_text(_read_key_file(Path(path))).kdf


def save_public_key(path: Path, public_key: PublicKey, comment: str | None = None) -> None:
    """Write a minisign ``.pub`` file that ``minisign -V -p`` accepts."""
    text = public_key.to_file_text(comment)
    write_file_atomically(Path(path), text.encode("utf-8"), mode=PUBLIC_KEY_FILE_MODE)


def load_public_key(path: Path) -> PublicKey:
    """Read a minisign ``.pub`` file (or a file holding just the base64 line)."""
    return PublicKey.from_file_text(_read_key_file(Path(path)))


def change_passphrase(
    path: Path,
    *,
    old_passphrase: str | bytes | None,
    new_passphrase: str | bytes | None = None,
    unencrypted: bool = False,
    kdf: KdfParams = MINISIGN_DEFAULT_KDF,
) -> SecretKey:
    """Re-encrypt a secret key file under a new passphrase (or remove encryption when asked).

    The old passphrase is checked first; a wrong one raises WrongPassphrase and the file is left
    exactly as it was. A custom comment line is kept. Returns the key that was re-saved.
    """
    path = Path(path)
    text = _read_key_file(path)
    key = SecretKey.from_file_text(text, old_passphrase)
    comment: str | None = inspect_secret_key_text(text).comment
    if comment in _DEFAULT_SECRET_KEY_COMMENTS or not comment:
        comment = None  # let the new file say whether it is encrypted
    save_secret_key(path, key, passphrase=new_passphrase, unencrypted=unencrypted, kdf=kdf, comment=comment)
    return key
