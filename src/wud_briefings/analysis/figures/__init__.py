"""The language-free figures: counts, shares and tables computed from processed data."""
