"""Deterministic synthetic exports and coding sheets, in SurveyMonkey's exact layout.

The real exports are not public. These stand in for them: EECA reproduces every
figure of the published report, other regions what is known of them, and all
identifier columns hold obviously fake personal data so that tests can prove
none of it leaves ``data/raw/``.
"""
