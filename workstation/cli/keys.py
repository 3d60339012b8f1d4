"""``workstation keys``: the writer's signing key (create, show, export, import, change passphrase).

Passphrases come from ``--passphrase-file PATH`` (its first line; ``-`` reads standard input; a
file over 64 KiB is refused as the wrong file), else ``$WORKSTATION_PASSPHRASE``,
else a prompt when stdin is a terminal (twice for a new key), else the command stops with a clear
error. ``keys passwd`` reads the new passphrase from ``--new-passphrase-file`` or
``$WORKSTATION_NEW_PASSPHRASE`` the same way.

The hidden option ``--kdf interactive`` encrypts with libsodium's light "interactive" scrypt limits
(16 MiB) instead of minisign's defaults (1 GiB); tests use it to stay fast. The key file records its
limits, so either kind unlocks anywhere, including in the real minisign.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, print_json
from workstation.cli.outputs import is_stdout, output_failed, report_stream, shown_target
from workstation.core.files.datadir import DataDirError, DataDirLock, resolve_data_dir
from workstation.core.files.inputs import KEY_FILE, PASSPHRASE_FILE, STDIN_NAME, check_input_file, read_input
from workstation.core.files.os_errors import describe_os_error
from workstation.core.signing import (
    INTERACTIVE_KDF,
    MINISIGN_DEFAULT_KDF,
    KdfParams,
    KeyFormatError,
    PassphraseRequired,
    SecretKey,
    WrongPassphrase,
)
from workstation.core.signing.identity import (
    ENV_PASSPHRASE,
    Identity,
    IdentityError,
    change_identity_passphrase,
    export_public_key,
    import_identity,
    init_identity,
    is_encrypted_key_file,
    load_identity,
    unlock,
)
from workstation.core.text.safe_text import one_line

ENV_NEW_PASSPHRASE = "WORKSTATION_NEW_PASSPHRASE"
KDF_CHOICES: dict[str, KdfParams] = {"default": MINISIGN_DEFAULT_KDF, "interactive": INTERACTIVE_KDF}
_ALREADY_HAVE_KEY = (
    "a writer key already exists here; `workstation keys show` shows it "
    "(--force replaces it and keeps the old one aside)"
)


@dataclass(frozen=True)
class _PassphraseSource:
    """Where one passphrase may come from: an option's file, an environment variable, a prompt."""

    file: str | None
    env: str
    prompt: str


def register(subparsers: Any) -> None:
    keys = subparsers.add_parser("keys")
    commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)

    init = commands.add_parser("init", help="create a new writer key (encrypted with a passphrase)")
    init.add_argument("--name", help="the writer's name shown to reviewers (default: your user name)")
    _add_passphrase_options(init, exclusive=True, passphrase_help="the new passphrase")
    init.add_argument("--force", action="store_true", help="replace an existing key (the old one is kept)")
    init.set_defaults(handler=run_init)

    show = commands.add_parser("show", help="show the writer's name, fingerprint and public key")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    export = commands.add_parser("export", help="write the public key as a minisign .pub file")
    export.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write; - for stdout")
    export.set_defaults(handler=run_export)

    importer = commands.add_parser("import", help="use an existing minisign secret key")
    importer.add_argument("path", type=Path, metavar="PATH")
    importer.add_argument("--name", help="the writer's name (default: your user name)")
    _add_passphrase_options(
        importer, exclusive=False, passphrase_help="the key's passphrase (or a new one for a clear key)"
    )
    importer.add_argument("--force", action="store_true", help="replace an existing key (kept aside)")
    importer.set_defaults(handler=run_import)

    passwd = commands.add_parser("passwd", help="change the passphrase of the writer key")
    _add_passphrase_options(passwd, exclusive=False, passphrase_help="the current passphrase")
    passwd.add_argument(
        "--new-passphrase-file", metavar="PATH", help=f"new passphrase (or ${ENV_NEW_PASSPHRASE})"
    )
    passwd.set_defaults(handler=run_passwd)


def _add_passphrase_options(
    parser: argparse.ArgumentParser, *, exclusive: bool, passphrase_help: str
) -> None:
    """``--passphrase-file``, ``--unencrypted`` and the hidden ``--kdf``.

    They exclude each other only for a new key; ``import`` and ``passwd`` may need the current
    passphrase while storing the key unencrypted.
    """
    group: Any = parser.add_mutually_exclusive_group() if exclusive else parser
    group.add_argument(
        "--passphrase-file",
        metavar="PATH",
        help=f"{passphrase_help}, from the file's first line (or ${ENV_PASSPHRASE})",
    )
    group.add_argument("--unencrypted", action="store_true", help="store the key without encryption")
    parser.add_argument("--kdf", choices=sorted(KDF_CHOICES), default="default", help=argparse.SUPPRESS)


def add_unlock_option(parser: argparse.ArgumentParser) -> None:
    """The passphrase option of commands that sign (``bundle seal``)."""
    parser.add_argument(
        "--passphrase-file", metavar="PATH", help=f"passphrase of the writer key (or ${ENV_PASSPHRASE})"
    )


def _read_passphrase_file(path: str) -> str:
    """The first line of a passphrase file (or of stdin for ``-``); a file over the cap is refused."""
    data = read_input(path, PASSPHRASE_FILE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path}: the passphrase file is not UTF-8 text") from None
    first_line = text.split("\n", 1)[0].removesuffix("\r")
    if not first_line:
        raise CliError(f"{path}: the passphrase file is empty")
    return first_line


def _existing_passphrase(source: _PassphraseSource) -> str:
    if source.file:
        return _read_passphrase_file(source.file)
    from_env = os.environ.get(source.env)
    if from_env:
        return from_env
    if sys.stdin.isatty():
        return getpass.getpass(source.prompt)
    raise CliError(
        f"a passphrase is needed: give --passphrase-file PATH, set {source.env}, or run this in a terminal"
    )


def _new_passphrase(source: _PassphraseSource) -> str:
    if source.file or os.environ.get(source.env):
        return _existing_passphrase(source)
    if not sys.stdin.isatty():
        return _existing_passphrase(source)  # raises the "a passphrase is needed" error
    first = getpass.getpass(source.prompt)
    if not first:
        raise CliError("the passphrase must not be empty")
    if getpass.getpass("Repeat the passphrase: ") != first:
        raise CliError("the passphrases do not match; nothing was changed")
    return first


def _unlock_source(args: argparse.Namespace) -> _PassphraseSource:
    file = getattr(args, "passphrase_file", None)
    return _PassphraseSource(file, ENV_PASSPHRASE, "Passphrase of your writer key: ")


@contextmanager
def _locked_data_dir(args: argparse.Namespace) -> Iterator[Path]:
    data_dir = resolve_data_dir(args.data_dir)
    lock = DataDirLock(data_dir)
    try:
        lock.acquire()
    except DataDirError as exc:
        raise CliError(str(exc)) from None
    try:
        yield data_dir
    except WrongPassphrase:
        raise CliError("wrong passphrase; nothing was changed") from None
    except (IdentityError, PassphraseRequired, KeyFormatError) as exc:
        raise CliError(str(exc)) from None
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    except OSError as exc:
        raise CliError(describe_os_error(exc)) from None
    finally:
        lock.release()


def _default_name() -> str:
    try:
        name = getpass.getuser().strip()
    except (KeyError, OSError):
        name = ""
    return name or "writer"


def _print_identity(identity: Identity, heading: str) -> None:
    print(one_line(heading, MESSAGE_LIMIT_CHARS))
    print(f"name         {one_line(identity.name)}")
    print(f"key          {identity.public_key.short_fingerprint} (how reviewers name it)")
    print(f"fingerprint  {identity.fingerprint}")
    print(f"key id       {identity.key_id}")
    print(f"encrypted    {'yes' if identity.encrypted else 'NO'}")
    print(f"secret key   {one_line(str(identity.secret_key_path), MESSAGE_LIMIT_CHARS)}")


def run_init(args: argparse.Namespace) -> int:
    with _locked_data_dir(args) as data_dir:
        if not args.force and load_identity(data_dir) is not None:
            raise CliError(_ALREADY_HAVE_KEY)
        source = _PassphraseSource(args.passphrase_file, ENV_PASSPHRASE, "New passphrase for the key: ")
        passphrase = None if args.unencrypted else _new_passphrase(source)
        identity = init_identity(
            data_dir,
            args.name or _default_name(),
            passphrase,
            unencrypted=args.unencrypted,
            kdf=KDF_CHOICES[args.kdf],
            force=args.force,
        )
    _print_identity(identity, "created a writer key")
    return 0


def identity_summary(identity: Identity) -> dict[str, Any]:
    """The JSON form of ``keys show``."""
    return {
        "name": identity.name,
        "fingerprint": identity.fingerprint,
        "short_fingerprint": identity.public_key.short_fingerprint,
        "key_id": identity.key_id,
        "encrypted": identity.encrypted,
        "public_key": identity.public_key.to_base64(),
        "created_at": identity.created_at,
        "secret_key_path": str(identity.secret_key_path),
        "public_key_path": str(identity.public_key_path),
    }


def _require_identity(data_dir: Path) -> Identity:
    try:
        identity = load_identity(data_dir)
    except IdentityError as exc:
        raise CliError(str(exc)) from None
    if identity is None:
        raise CliError("no writer key yet; create one with `workstation keys init`")
    return identity


def run_show(args: argparse.Namespace) -> int:
    identity = _require_identity(resolve_data_dir(args.data_dir))
    if args.json:
        print_json(identity_summary(identity))
        return 0
    _print_identity(identity, f"writer key of {identity.name}")
    print(f"public key   {identity.public_key.to_base64()}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    identity = _require_identity(data_dir)
    if is_stdout(args.out):
        sys.stdout.write(identity.public_key.to_file_text())
        sys.stdout.flush()
    else:
        try:
            export_public_key(data_dir, args.out)
        except OSError as exc:
            raise output_failed(exc, args.out) from None
    where = shown_target(args.out)
    print(
        f"{where}: public key of {one_line(identity.name)} ({identity.key_id})", file=report_stream(args.out)
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    with _locked_data_dir(args) as data_dir:
        if not args.force and load_identity(data_dir) is not None:
            raise CliError(_ALREADY_HAVE_KEY)
        check_input_file(args.path, KEY_FILE)
        encrypted = is_encrypted_key_file(args.path)
        if encrypted:
            passphrase: str | None = _existing_passphrase(_unlock_source(args))
        elif args.unencrypted:
            passphrase = None
        else:
            passphrase = _new_passphrase(
                _PassphraseSource(args.passphrase_file, ENV_PASSPHRASE, "New passphrase to encrypt the key: ")
            )
        identity = import_identity(
            data_dir,
            args.path,
            args.name or _default_name(),
            passphrase,
            unencrypted=args.unencrypted,
            kdf=KDF_CHOICES[args.kdf],
            force=args.force,
        )
    _print_identity(identity, f"imported the writer key from {args.path}")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    if args.passphrase_file == STDIN_NAME and args.new_passphrase_file == STDIN_NAME:
        raise CliError("only one of --passphrase-file and --new-passphrase-file can read standard input", 2)
    with _locked_data_dir(args) as data_dir:
        identity = _require_identity(data_dir)
        old = _existing_passphrase(_unlock_source(args)) if identity.encrypted else None
        unlock(data_dir, old)  # a wrong passphrase stops here, before a new one is asked for
        new = None
        if not args.unencrypted:
            new = _new_passphrase(
                _PassphraseSource(args.new_passphrase_file, ENV_NEW_PASSPHRASE, "New passphrase: ")
            )
        identity = change_identity_passphrase(
            data_dir, old, new, unencrypted=args.unencrypted, kdf=KDF_CHOICES[args.kdf]
        )
    state = "encrypted with the new passphrase" if identity.encrypted else "UNENCRYPTED"
    print(f"the writer key is now {state}")
    return 0


def unlock_writer_key(args: argparse.Namespace, data_dir: Path) -> tuple[Identity, SecretKey]:
    """The identity and its secret key for signing, asking for the passphrase only when needed."""
    identity = _require_identity(data_dir)
    passphrase = _existing_passphrase(_unlock_source(args)) if identity.encrypted else None
    try:
        return identity, unlock(data_dir, passphrase)
    except WrongPassphrase:
        raise CliError("wrong passphrase; nothing was changed") from None
    except (IdentityError, PassphraseRequired, KeyFormatError) as exc:
        raise CliError(str(exc)) from None
