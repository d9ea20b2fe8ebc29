"""Machine drafts of a briefing's other language through an OpenAI-compatible backend, with a memory."""
