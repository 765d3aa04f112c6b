"""Messages of the inspection area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
