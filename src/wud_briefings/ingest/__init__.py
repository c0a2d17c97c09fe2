"""Stage 1, ingest: raw export bytes and coding sheets to typed tables, protected on the
way in (``protection/``: pseudonyms, redaction) before anything is kept."""
