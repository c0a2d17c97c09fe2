"""Stage 4, analysis: what the notebooks call, in four rooms, lowest first.

``disclosure/`` (control on the way out), ``figures/`` (the same in every language),
``display/`` (what a reader sees) and ``texts/`` (the researchers' own); beside them the
notebooks' entry points.
"""
