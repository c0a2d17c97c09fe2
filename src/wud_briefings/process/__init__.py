"""Stage 4, process: one region from raw export to data/processed/, and reading it back."""
