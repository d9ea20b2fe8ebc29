"""The briefing file format: front matter, validation (``check``), the taxonomy, near-duplicates."""
