"""Editor accounts: one hashed password per file in the editors directory (never in the database).

The database is published read-only to everyone, so password hashes live beside it, in
``db/editors/NAME.hash`` by default; datasette-auth-passwords reads them through ``{"$file": ...}``
plugin settings, so the hashes never appear in Datasette's metadata pages.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from datasette_auth_passwords.utils import hash_password

from .errors import FactcheckError

DEFAULT_EDITORS_DIR = Path("db/editors")
EDITORS_DIR_ENV = "FACTCHECK_EDITORS_DIR"
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,39}")  # whole names only (re.fullmatch: no trailing newline)
# datasette-auth-passwords reads an account from a setting NAME_password_hash, cutting at the first
# "_password_hash": a name holding it would give a second password to another account
RESERVED_PART = "_password_hash"
MIN_PASSWORD_CHARS = 8


def editors_dir(configured: str | None = None) -> Path:
    """The editors directory: the plugin setting, else $FACTCHECK_EDITORS_DIR, else db/editors."""
    return Path(configured or os.environ.get(EDITORS_DIR_ENV) or DEFAULT_EDITORS_DIR)


def add_editor(directory: Path, name: str, password: str) -> Path:
    """``add_editor(Path("db/editors"), "alice", "s3cret-pass")``: store the hash (mode 0600); returns its path."""
    if not valid_name(name):
        raise FactcheckError(f"editor name {name!r}: use 1-40 lower-case letters, digits, '.', '_' or '-' "
                             f"(starting with a letter or digit, not holding {RESERVED_PART!r})")
    if len(password) < MIN_PASSWORD_CHARS:
        raise FactcheckError(f"password for {name}: use at least {MIN_PASSWORD_CHARS} characters")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.hash"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(hash_password(password))
    return path


def valid_name(name: str) -> bool:
    """An editor name that is safe as a file name and unambiguous as a login setting."""
    return NAME_RE.fullmatch(name) is not None and RESERVED_PART not in name


def list_editors(directory: Path) -> dict[str, Path]:
    """``{"alice": Path("db/editors/alice.hash"), ...}``."""
    if not directory.is_dir():
        return {}
    return {path.stem: path for path in sorted(directory.glob("*.hash")) if valid_name(path.stem)}


def auth_passwords_config(directory: Path) -> dict[str, dict[str, str]]:
    """datasette-auth-passwords settings pointing at the hash files: ``{"alice_password_hash": {"$file": ...}}``.

    Datasette asks for metadata many times per page, so the listing is cached until the directory changes.
    """
    try:
        changed = directory.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    return _auth_config(directory.resolve(), changed)


@functools.lru_cache(maxsize=8)
def _auth_config(directory: Path, changed: int) -> dict[str, dict[str, str]]:
    return {f"{name}_password_hash": {"$file": str(path)} for name, path in list_editors(directory).items()}
