"""Stage 1, ingest: raw export bytes and coding sheets to typed tables."""
