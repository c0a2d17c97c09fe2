"""Protection on the way in: keyed pseudonyms, redacted free text, translations that add nothing."""
