"""The build's records: manifest entries, statuses, sign-offs, the RO-Crate, CITATION.cff."""
