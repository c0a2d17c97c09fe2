"""Reproducible regional briefings on harm-reduction services for women who use drugs."""

import sys

__version__ = "0.1.0"

# jsonschema, which nbformat and Great Expectations import, compiles 39 grammars at import
# when rfc3987-syntax is installed (JupyterLab's event schemas require it): 0.85 s in every
# build, gate and command process, to check an "iri" format that no schema read here uses.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
