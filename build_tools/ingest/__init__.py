"""Seed -> draft briefing: cleaning, metadata, tagging, and the ingest pipeline that writes drafts."""
