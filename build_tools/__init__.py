"""AI Briefing: turn raw AI news seeds into a curated bilingual briefing site."""

from __future__ import annotations

__version__ = "0.1.0"
