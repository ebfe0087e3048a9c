"""Local staff accounts: argon2 password hashes, roles, lockout after repeated failures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from etl import config, store

ROLES = ("staff", "admin")
_HASHER = PasswordHasher()
# Verified against when the user does not exist, so timing does not reveal which names exist.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


class UserError(ValueError):
    """A refused account operation, with the reason in Bahasa Indonesia and English."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def add_user(engine: Engine, username: str, password: str, role: str = "staff", display_name: str = "") -> User:
    """Create an active account; the password is stored only as an argon2 hash."""
    username = username.strip().lower()
    if role not in ROLES:
        raise UserError(f"peran tidak dikenal: {role}", f"unknown role: {role}")
    if len(password) < 12:
        raise UserError("kata sandi minimal 12 karakter", "the password needs at least 12 characters")
    with store.write_transaction(engine) as conn:
        exists = conn.execute(sa.select(store.users.c.id).where(store.users.c.username == username)).first()
        if exists:
            raise UserError(f"akun {username} sudah ada", f"account {username} already exists")
        conn.execute(
            store.users.insert().values(
                username=username,
                display_name=display_name or username,
                role=role,
                password_hash=_HASHER.hash(password),
                active=True,
                failed_attempts=0,
                created_at=_now(),
            )
        )
        store.write_audit(conn, "cli", "user_add", {"username": username, "role": role})
    return User(username, display_name or username, role)


def set_active(engine: Engine, username: str, active: bool, by: str = "cli") -> None:
    with store.write_transaction(engine) as conn:
        updated = conn.execute(
            store.users.update()
            .where(store.users.c.username == username.strip().lower())
            .values(active=active, failed_attempts=0, locked_until=None)
        ).rowcount
        if not updated:
            raise UserError(f"akun {username} tidak ada", f"no account {username}")
        store.write_audit(conn, by, "user_enable" if active else "user_disable", {"username": username})


def list_users(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.users).order_by(store.users.c.username)).mappings().all()
    return [{k: v for k, v in row.items() if k != "password_hash"} for row in rows]


def authenticate(engine: Engine, username: str, password: str) -> User:
    """Check a sign-in; five failures lock the account for 15 minutes (configurable).

    Failures are recorded (and committed) before the refusal is raised.
    """
    username = (username or "").strip().lower()
    error: UserError | None = None
    with store.write_transaction(engine) as conn:
        row = conn.execute(sa.select(store.users).where(store.users.c.username == username)).mappings().first()
        now = _now()
        if row is None or not row["active"] or not row["password_hash"]:
            _verify(_DUMMY_HASH, password)
            store.write_audit(conn, username or "?", "signin_failed", {"reason": "unknown or disabled"})
            error = UserError("nama pengguna atau kata sandi salah", "wrong username or password")
        elif row["locked_until"] is not None and row["locked_until"] > now:
            minutes = int((row["locked_until"] - now).total_seconds() // 60) + 1
            error = UserError(
                f"akun dikunci sementara; coba lagi dalam {minutes} menit",
                f"account temporarily locked; try again in {minutes} minutes",
            )
        elif not _verify(row["password_hash"], password):
            attempts = row["failed_attempts"] + 1
            values: dict = {"failed_attempts": attempts}
            error = UserError("nama pengguna atau kata sandi salah", "wrong username or password")
            if attempts >= config.LOCKOUT_ATTEMPTS:
                values = {"failed_attempts": 0, "locked_until": now + dt.timedelta(minutes=config.LOCKOUT_MINUTES)}
                error = UserError(
                    f"{config.LOCKOUT_ATTEMPTS} kali gagal: akun dikunci {config.LOCKOUT_MINUTES} menit",
                    f"{config.LOCKOUT_ATTEMPTS} failures: account locked for {config.LOCKOUT_MINUTES} minutes",
                )
            conn.execute(store.users.update().where(store.users.c.id == row["id"]).values(**values))
            store.write_audit(conn, username, "signin_failed", {"attempt": attempts})
        else:
            conn.execute(
                store.users.update().where(store.users.c.id == row["id"]).values(failed_attempts=0, locked_until=None)
            )
            store.write_audit(conn, username, "signin", {})
    if error is not None:
        raise error
    return User(row["username"], row["display_name"] or row["username"], row["role"])


def role_for_oidc(engine: Engine, email: str | None) -> User | None:
    """An identity-provider user maps to an active account with the same e-mail as username."""
    if not email:
        return None
    with engine.connect() as conn:
        row = (
            conn.execute(sa.select(store.users).where(store.users.c.username == email.strip().lower()))
            .mappings()
            .first()
        )
    if row is None or not row["active"]:
        return None
    return User(row["username"], row["display_name"] or row["username"], row["role"])


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False
