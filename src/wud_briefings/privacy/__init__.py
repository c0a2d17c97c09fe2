"""Stage 2, privacy: pseudonyms and redaction on the way in, disclosure control on the way out."""
