"""The reviewer's keyring: which writer keys are trusted, and which wait for a person to confirm.

A key is first seen in a bundle; it is then kept as ``pending`` (with the name the bundle gave)
until the reviewer compares its fingerprint with the writer and confirms it, and only ``trusted``
keys let bundles into the inbox. One key belongs to one name: a key trusted for one writer is
never trusted for another. A name normally has one trusted key; a second one (a writer's new
laptop) is only added when asked for explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.clock import now_iso
from workstation.core.signing import PublicKey, short_fingerprint
from workstation.core.store.database import Database

TRUSTED = "trusted"
PENDING = "pending"

_COLUMNS = "fingerprint, name, public_key, key_id, state, added_at, confirmed_at"


@dataclass(frozen=True)
class Writer:
    """One key in the keyring. ``public_key`` is minisign's one-line base64 form."""

    fingerprint: str
    name: str
    public_key: str
    key_id: str
    state: str
    added_at: str
    confirmed_at: str | None

    @property
    def trusted(self) -> bool:
        return self.state == TRUSTED

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.fingerprint)

    def parsed_public_key(self) -> PublicKey:
        return PublicKey.from_base64(self.public_key)


class WriterConflict(ValueError):
    """Trusting this key would give one key two names, or a writer a second key unasked."""


class UnknownWriterKey(KeyError):
    """No key in the keyring has this fingerprint (or unique start of one)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown key"


class WriterQueries:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn = database.conn

    # -- reading ------------------------------------------------------------------------------

    def all(self) -> list[Writer]:
        """Every key, trusted ones first, then by name and when added."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM writers ORDER BY state = 'pending', name, added_at"
        )
        return [Writer(*row) for row in rows]

    def trusted(self) -> list[Writer]:
        return [writer for writer in self.all() if writer.trusted]

    def pending_keys(self) -> list[Writer]:
        return [writer for writer in self.all() if not writer.trusted]

    def by_name(self, name: str) -> list[Writer]:
        """The keys recorded for writer ``name`` (trusted first)."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM writers WHERE name = ? ORDER BY state = 'pending', added_at", (name,)
        )
        return [Writer(*row) for row in rows]

    def by_fingerprint(self, fingerprint: str) -> Writer | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM writers WHERE fingerprint = ?", (fingerprint.lower(),)
        ).fetchone()
        return Writer(*row) if row else None

    def resolve(self, text: str) -> Writer:
        """The key ``text`` names: a whole fingerprint or a start of one (at least 8 hex digits)."""
        text = text.strip().lower()
        if len(text) < 8 or any(char not in "0123456789abcdef" for char in text):
            raise UnknownWriterKey(
                f"{text!r} is not a key fingerprint (give at least its first 8 hex digits)"
            )
        found = [
            Writer(*row)
            for row in self._conn.execute(
                f"SELECT {_COLUMNS} FROM writers WHERE substr(fingerprint, 1, ?) = ? LIMIT 2",
                (len(text), text),
            )
        ]
        if not found:
            raise UnknownWriterKey(f"no key {text} in the keyring; `workstation review writers` lists them")
        if len(found) > 1:
            raise UnknownWriterKey(f"{text} starts more than one key's fingerprint; give more of it")
        return found[0]

    # -- writing ------------------------------------------------------------------------------

    def pending(self, name: str, public_key: PublicKey) -> Writer:
        """Record a key first seen in a bundle signed as ``name``, to be confirmed by a person.

        A key already in the keyring (pending or trusted) is left as it is and returned.
        """
        fingerprint = public_key.fingerprint
        with self._database.write() as conn:
            conn.execute(
                f"INSERT OR IGNORE INTO writers ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (fingerprint, name, public_key.to_base64(), public_key.key_id_hex, PENDING, now_iso()),
            )
        writer = self.by_fingerprint(fingerprint)
        assert writer is not None
        return writer

    def trust(self, name: str, public_key: PublicKey, *, another_key: bool = False) -> Writer:
        """Trust ``public_key`` as writer ``name``'s key (confirming it if it was pending).

        Raises WriterConflict when the key is trusted, or waits to be confirmed, under another
        name (bundles name their signer, so a key is trusted under the name it signs with), or
        when ``name`` already has a different trusted key and ``another_key`` was not given.
        """
        fingerprint = public_key.fingerprint
        short = short_fingerprint(fingerprint)
        with self._database.write() as conn:
            row = conn.execute(
                "SELECT name, state FROM writers WHERE fingerprint = ?", (fingerprint,)
            ).fetchone()
            if row is not None and row[0] != name:
                if row[1] == TRUSTED:
                    raise WriterConflict(f"key {short} is already trusted as writer {row[0]!r}, not {name!r}")
                raise WriterConflict(
                    f"key {short} signs its bundles as {row[0]!r}; trusted as {name!r} they would be refused"
                )
            others = [
                short_fingerprint(other)
                for (other,) in conn.execute(
                    "SELECT fingerprint FROM writers "
                    "WHERE name = ? AND state = 'trusted' AND fingerprint != ?",
                    (name, fingerprint),
                )
            ]
            if others and not another_key:
                raise WriterConflict(
                    f"writer {name!r} is already trusted with key {', '.join(others)}; "
                    f"a second key ({short}) is only added when asked for (--another-key)"
                )
            now = now_iso()
            conn.execute(
                f"INSERT INTO writers ({_COLUMNS}) VALUES (?, ?, ?, ?, 'trusted', ?, ?) "
                "ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, state = 'trusted', "
                "confirmed_at = coalesce(writers.confirmed_at, excluded.confirmed_at)",
                (fingerprint, name, public_key.to_base64(), public_key.key_id_hex, now, now),
            )
        writer = self.by_fingerprint(fingerprint)
        assert writer is not None
        return writer

    def forget(self, fingerprint: str) -> bool:
        """Remove a key from the keyring (trusted or pending); returns whether it was there.

        Bundles already in the inbox stay; new bundles signed by it count as unknown again.
        """
        with self._database.write() as conn:
            cursor = conn.execute("DELETE FROM writers WHERE fingerprint = ?", (fingerprint.lower(),))
        return cursor.rowcount > 0
