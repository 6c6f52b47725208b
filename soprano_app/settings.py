"""Runtime configuration, read once from environment variables.

Every variable is documented in README.md. Nothing here imports Reflex, so the CLI, the
services and the tests share the same settings.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "soprano.db"


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "oui", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _development_secret() -> str:
    """A key generated once per checkout, so that sessions survive a restart in development."""
    path = PROJECT_ROOT / "data" / ".secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Settings:
    database_url: str
    environment: str  # "development" or "production"
    demo: bool
    secret_key: str
    cookie_secure: bool
    session_idle_seconds: int
    session_warning_seconds: int
    session_poll_seconds: int
    argon2_memory_kib: int
    argon2_time_cost: int
    smtp_host: str
    smtp_port: int
    smtp_sender: str
    public_url: str  # the address users reach the app at, for links in e-mails
    extra_origins: tuple[str, ...]  # other addresses the app is reached at (SOPRANO_ALLOWED_ORIGINS)
    trusted_proxy_hops: int  # reverse proxies in front of the app, for the client's address
    login_limits_per_source: str  # failed logins allowed per address (``limits`` notation)
    verify_limits_per_source: str  # public verification lookups allowed per address
    public_form_limits_per_source: str  # public forms (forgotten password, survey) sent per address
    scheduler_interval_seconds: int  # how often the scheduler's pass runs
    redis_url: str  # REFLEX_REDIS_URL: shared state, limits and revocations for several workers
    state_manager: str  # where Reflex keeps each tab's state: "memory", "redis" or "disk"
    data_dir: Path  # small files the server keeps besides the database (pending logouts…)
    storage: str  # where files' bytes live: "disk" (storage_dir) or "database" (services/storage.py)
    storage_dir: Path
    max_file_bytes: int
    max_dossier_bytes: int

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        """The origins whose pages may call the API and open the websocket: the public address,
        the configured extra ones and, outside production, the same port on localhost."""
        origins = [self.public_url, *self.extra_origins]
        if not self.is_production:
            port = urlsplit(self.public_url).port
            suffix = f":{port}" if port else ""
            origins += [f"http://localhost{suffix}", f"http://127.0.0.1{suffix}"]
        return tuple(dict.fromkeys(o.rstrip("/") for o in origins if o))

    @property
    def demo_enabled(self) -> bool:
        """Demo data is never loaded in production, whatever SOPRANO_DEMO says."""
        return self.demo and not self.is_production


STATE_MANAGERS = ("memory", "redis", "disk")


def _state_manager() -> str:
    """Memory for one worker (no files to purge, nothing on disk), Redis as soon as it is configured
    (several workers share the tabs' state); SOPRANO_STATE_MANAGER chooses otherwise."""
    chosen = os.environ.get("SOPRANO_STATE_MANAGER", "").strip().lower()
    default = "redis" if os.environ.get("REFLEX_REDIS_URL", "").strip() else "memory"
    if chosen and chosen not in STATE_MANAGERS:
        raise RuntimeError(
            f"SOPRANO_STATE_MANAGER must be one of {', '.join(STATE_MANAGERS)}, not {chosen!r}."
        )
    if chosen == "redis" and default != "redis":
        raise RuntimeError("SOPRANO_STATE_MANAGER=redis needs REFLEX_REDIS_URL.")
    return chosen or default


STORAGES = ("disk", "database")


def _storage() -> str:
    """Files on disk by default (nothing to set up for one machine); in the database, several machines
    sharing PostgreSQL need no shared directory."""
    chosen = os.environ.get("SOPRANO_STORAGE", "").strip().lower() or "disk"
    if chosen not in STORAGES:
        raise RuntimeError(
            f"SOPRANO_STORAGE doit valoir « disk » (fichiers sous SOPRANO_STORAGE_DIR) ou « database » "
            f"(dans la base de données), pas {chosen!r}."
        )
    return chosen


def load_settings() -> Settings:
    environment = os.environ.get("SOPRANO_ENV", "development").strip().lower() or "development"
    secret = os.environ.get("SOPRANO_SECRET_KEY", "").strip()
    if not secret:
        if environment == "production":
            raise RuntimeError("SOPRANO_SECRET_KEY must be set in production.")
        secret = _development_secret()
    return Settings(
        database_url=os.environ.get("SOPRANO_DATABASE_URL", "").strip() or f"sqlite:///{DEFAULT_SQLITE_PATH}",
        environment=environment,
        demo=_flag("SOPRANO_DEMO", default=environment != "production"),
        secret_key=secret,
        cookie_secure=_flag("SOPRANO_COOKIE_SECURE", default=environment == "production"),
        session_idle_seconds=_int("SOPRANO_SESSION_IDLE_SECONDS", 30 * 60),
        session_warning_seconds=_int("SOPRANO_SESSION_WARNING_SECONDS", 5 * 60),
        session_poll_seconds=_int("SOPRANO_SESSION_POLL_SECONDS", 20),
        argon2_memory_kib=_int("SOPRANO_ARGON2_MEMORY_KIB", 65536),
        argon2_time_cost=_int("SOPRANO_ARGON2_TIME_COST", 3),
        smtp_host=os.environ.get("SOPRANO_SMTP_HOST", "").strip(),
        smtp_port=_int("SOPRANO_SMTP_PORT", 25),
        smtp_sender=os.environ.get("SOPRANO_SMTP_SENDER", "no-reply@soprano-libre.invalid"),
        public_url=os.environ.get("SOPRANO_PUBLIC_URL", "http://localhost:3000").strip().rstrip("/"),
        extra_origins=tuple(
            o.strip().rstrip("/")
            for o in os.environ.get("SOPRANO_ALLOWED_ORIGINS", "").split(",")
            if o.strip()
        ),
        trusted_proxy_hops=_int("SOPRANO_TRUSTED_PROXY_HOPS", 0),
        scheduler_interval_seconds=max(10, _int("SOPRANO_SCHEDULER_INTERVAL_SECONDS", 300)),
        login_limits_per_source=os.environ.get("SOPRANO_LOGIN_LIMITS_PER_SOURCE", "").strip()
        or "10 per 10 minutes; 30 per day",
        verify_limits_per_source=os.environ.get("SOPRANO_VERIFY_LIMITS_PER_SOURCE", "").strip()
        or "30 per minute; 500 per day",
        public_form_limits_per_source=os.environ.get("SOPRANO_PUBLIC_FORM_LIMITS_PER_SOURCE", "").strip()
        or "10 per 10 minutes; 100 per day",
        redis_url=os.environ.get("REFLEX_REDIS_URL", "").strip(),
        state_manager=_state_manager(),
        data_dir=Path(os.environ.get("SOPRANO_DATA_DIR", "").strip() or PROJECT_ROOT / "data"),
        storage=_storage(),
        # Attachments: outside every folder a web server publishes.
        storage_dir=Path(
            os.environ.get("SOPRANO_STORAGE_DIR", "").strip() or PROJECT_ROOT / "data" / "pieces"
        ),
        max_file_bytes=_int("SOPRANO_MAX_FILE_MB", 10) * 1024 * 1024,
        max_dossier_bytes=_int("SOPRANO_MAX_DOSSIER_MB", 50) * 1024 * 1024,
    )


settings = load_settings()
