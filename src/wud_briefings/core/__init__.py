"""Foundations every stage uses: project paths, the input error, atomic writes, page policy."""
