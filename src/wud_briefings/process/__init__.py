"""Stage 3, process: one region from raw export to data/processed/, and reading it back."""
