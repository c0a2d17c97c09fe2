"""The figures: counts, shares and tables from processed data, the same in every language
(only their labels are in the language in use)."""
