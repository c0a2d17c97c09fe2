"""Stage 5, publish: the build, in three rooms, lowest first, and the preview beside them.

``provenance/`` (what was built and how: manifest, statuses, sign-offs, the RO-Crate),
``rendering/`` (a notebook to pages: Papermill, nbconvert, WeasyPrint, the index) and
``engine/`` (regions in parallel on warm workers, child processes, the lock, progress).
"""
