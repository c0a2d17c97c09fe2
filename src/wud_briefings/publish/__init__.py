"""Stage 6, build: Papermill execution, rendering, the manifest and the index, in parallel."""
