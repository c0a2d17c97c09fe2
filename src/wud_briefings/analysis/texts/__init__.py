"""The researchers' own texts: commentary files, their checks against the figures, citations."""
