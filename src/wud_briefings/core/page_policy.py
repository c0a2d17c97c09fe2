"""What every page under outputs/ may load: nothing from another host, no script.

One Content-Security-Policy for briefings, the index and validation reports:
a reader's browser makes no request to any other host (no IP address leaks to
third parties), and markup that slipped into a page cannot run or fetch. It goes
first in a page's head as the ``<meta>`` of ``core/templates/csp_meta.html.j2``
(:func:`wud_briefings.core.pages.csp_meta`).
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
