"""minisign-compatible Ed25519 keys and signatures: a writer's identity and proof of authorship.

Import from here; the submodules split the work (``keys`` formats, ``kdf`` scrypt, ``keyfiles``
disk I/O, ``minisig`` signatures).
"""

from workstation.core.signing.errors import (
    KeyFormatError,
    PassphraseRequired,
    SignatureError,
    SignatureFormatError,
    SigningError,
    WrongPassphrase,
)
from workstation.core.signing.kdf import (
    INTERACTIVE_KDF,
    MINISIGN_DEFAULT_KDF,
    KdfParams,
    calibrate_seconds_per_work,
    scrypt_work,
)
from workstation.core.signing.keyfiles import (
    change_passphrase,
    load_public_key,
    load_secret_key,
    save_public_key,
    save_secret_key,
    secret_key_file_is_encrypted,
    secret_key_file_kdf,
    write_file_atomically,
)
from workstation.core.signing.keys import PublicKey, SecretKey, inspect_secret_key_text, short_fingerprint
from workstation.core.signing.minisig import MinisignSignature, parse_minisig, sign_minisig, verify_minisig

__all__ = [
    "INTERACTIVE_KDF",
    "MINISIGN_DEFAULT_KDF",
    "KdfParams",
    "KeyFormatError",
    "MinisignSignature",
    "PassphraseRequired",
    "PublicKey",
    "SecretKey",
    "SignatureError",
    "SignatureFormatError",
    "SigningError",
    "WrongPassphrase",
    "calibrate_seconds_per_work",
    "change_passphrase",
    "inspect_secret_key_text",
    "load_public_key",
    "load_secret_key",
    "parse_minisig",
    "save_public_key",
    "save_secret_key",
    "scrypt_work",
    "secret_key_file_is_encrypted",
    "secret_key_file_kdf",
    "short_fingerprint",
    "sign_minisig",
    "verify_minisig",
    "write_file_atomically",
]
