"""Stage 5, analysis: what the notebook calls (figures, tables, charts, sentences)."""
