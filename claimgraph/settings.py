"""One settings object, read from the default config, a user file and the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

DEFAULT_CONFIG = Path(__file__).with_name("default_config.toml")
USER_CONFIG_NAME = "claimgraph.toml"


@dataclass
class StoreSettings:
    """Where claims are stored."""

    url: str = "sqlite:///claimgraph.db"
    busy_timeout: float = 60.0


@dataclass
class NlpSettings:
    """Which spaCy pipeline runs and how it is batched."""

    model: str = "auto"
    batch_size: int = 24
    n_process: int = 1
    max_length: int = 2_000_000


@dataclass
class IngestSettings:
    """Per-document limits: what happens to inputs too long or too slow to analyse."""

    max_chars: int = 0
    too_long: str = "skip"
    max_pdf_pages: int = 500
    doc_seconds: float = 120.0
    section_chars: int = 50_000
    max_memory_mb: int = 1024


@dataclass
class ExtractSettings:
    """Which extractors run and with which tables."""

    enabled: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)
    min_confidence: float = 0.0
    alias_table: str = ""
    anchor_events: str = ""


@dataclass
class GeoSettings:
    """Gazetteer size and how sure a match must be."""

    min_population: int = 1000
    min_score: float = 0.82
    cache_dir: str = ""


@dataclass
class ExportSettings:
    """Export defaults."""

    out: str = "export"


@dataclass
class ApiSettings:
    """HTTP server settings."""

    host: str = "127.0.0.1"
    port: int = 8765
    token: str = ""
    read_only: bool = False
    read_token: str = ""
    allowed_hosts: list[str] = field(default_factory=list)
    max_body_bytes: int = 25_000_000


@dataclass
class Settings:
    """Every setting of claimgraph; each stage reads its own section."""

    store: StoreSettings = field(default_factory=StoreSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    geo: GeoSettings = field(default_factory=GeoSettings)
    export: ExportSettings = field(default_factory=ExportSettings)
    api: ApiSettings = field(default_factory=ApiSettings)


def _apply(target: Any, values: dict[str, Any], origin: str) -> None:
    known = {f.name: f for f in fields(target)}
    for key, value in values.items():
        if key not in known:
            raise ValueError(f"{origin}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        current = getattr(target, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise ValueError(f"{origin}: [{key}] must be a table")
            _apply(current, value, f"{origin} [{key}]")
        else:
            setattr(target, key, _coerce(value, current, f"{origin}: {key}"))


def _coerce(value: Any, current: Any, where: str) -> Any:
    if isinstance(current, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(current, int) and not isinstance(current, bool):
        return int(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, list):
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return list(value)
    if isinstance(value, (dict, list)):
        raise ValueError(f"{where} must be a single value")
    return str(value)


def _env_overrides(settings: Settings) -> None:
    for section in fields(settings):
        sub = getattr(settings, section.name)
        for f in fields(sub):
            env = f"CLAIMGRAPH_{section.name}_{f.name}".upper()
            if env in os.environ:
                setattr(sub, f.name, _coerce(os.environ[env], getattr(sub, f.name), env))


def load_settings(config: str | Path | None = None) -> Settings:
    """Defaults, then ./claimgraph.toml (or `config`), then CLAIMGRAPH_* environment variables."""
    settings = Settings()
    _apply(settings, tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8")), str(DEFAULT_CONFIG))
    path = Path(config) if config else Path.cwd() / USER_CONFIG_NAME
    if config and not path.exists():
        raise FileNotFoundError(f"config file not found: {path}")
    if path.exists():
        _apply(settings, tomllib.loads(path.read_text(encoding="utf-8")), str(path))
    _env_overrides(settings)
    return settings
