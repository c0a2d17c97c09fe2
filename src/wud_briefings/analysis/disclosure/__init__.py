"""Disclosure control on the way out: the small-cell policy and cell suppression."""
