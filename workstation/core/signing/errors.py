"""Errors raised by the signing package, each naming what went wrong in words a writer can act on."""

from __future__ import annotations


class SigningError(Exception):
    """Base class for every key and signature failure in this package."""


class KeyFormatError(SigningError):
    """A key file or key string is not in minisign's format (or is damaged)."""


class PassphraseRequired(SigningError):
    """The secret key is encrypted and no passphrase was given; the caller should ask for one."""


class WrongPassphrase(SigningError):
    """The passphrase does not decrypt the secret key (minisign's checksum did not match)."""

    def __init__(self, message: str = "wrong passphrase for this secret key") -> None:
        super().__init__(message)


class SignatureFormatError(SigningError):
    """A ``.minisig`` text cannot be parsed: wrong line count, prefix, base64 or algorithm."""


class SignatureError(SigningError):
    """A well-formed signature does not verify.

    ``reason`` is a short stable code for programs (``key_id_mismatch``, ``bad_signature``,
    ``bad_trusted_comment_signature``, ``legacy_not_allowed``); the message is for people.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
