"""minisign-compatible Ed25519 keys and signatures: a writer's identity and proof of authorship.

Import from here; the submodules split the work (``keys`` formats, ``kdf`` scrypt, ``keyfiles``
disk I/O, ``minisig`` signatures).
"""

from typing import TYPE_CHECKING

from workstation.core.lazy_names import lazy_module_getattr
from workstation.core.signing.errors import (
    KeyFormatError,
    PassphraseRequired,
    SignatureError,
    SignatureFormatError,
    SigningError,
    WrongPassphrase,
)

if TYPE_CHECKING:
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
    from workstation.core.signing.minisig import (
        MinisignSignature,
        parse_minisig,
        sign_minisig,
        verify_minisig,
    )

# Each name and the module it lives in, imported on first use: the key formats, scrypt and
# signatures load the cryptography package (about 40 ms), which no window needs before it is painted.
_LAZY_NAMES = {
    "INTERACTIVE_KDF": "workstation.core.signing.kdf",
    "MINISIGN_DEFAULT_KDF": "workstation.core.signing.kdf",
    "KdfParams": "workstation.core.signing.kdf",
    "calibrate_seconds_per_work": "workstation.core.signing.kdf",
    "scrypt_work": "workstation.core.signing.kdf",
    "change_passphrase": "workstation.core.signing.keyfiles",
    "load_public_key": "workstation.core.signing.keyfiles",
    "load_secret_key": "workstation.core.signing.keyfiles",
    "save_public_key": "workstation.core.signing.keyfiles",
    "save_secret_key": "workstation.core.signing.keyfiles",
    "secret_key_file_is_encrypted": "workstation.core.signing.keyfiles",
    "secret_key_file_kdf": "workstation.core.signing.keyfiles",
    "write_file_atomically": "workstation.core.signing.keyfiles",
    "PublicKey": "workstation.core.signing.keys",
    "SecretKey": "workstation.core.signing.keys",
    "inspect_secret_key_text": "workstation.core.signing.keys",
    "short_fingerprint": "workstation.core.signing.keys",
    "MinisignSignature": "workstation.core.signing.minisig",
    "parse_minisig": "workstation.core.signing.minisig",
    "sign_minisig": "workstation.core.signing.minisig",
    "verify_minisig": "workstation.core.signing.minisig",
}

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

__getattr__ = lazy_module_getattr(__name__, _LAZY_NAMES)
