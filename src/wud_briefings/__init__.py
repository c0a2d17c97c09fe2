"""Reproducible regional briefings on harm-reduction services for women who use drugs."""

__version__ = "0.1.0"
