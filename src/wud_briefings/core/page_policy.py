"""What every page under outputs/ may load: nothing from another host, no script.

One Content-Security-Policy for briefings, the index and validation reports:
a reader's browser makes no request to any other host (no IP address leaks to
third parties), and markup that slipped into a page cannot run or fetch.
"""

from __future__ import annotations

from html import escape

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)


def csp_meta() -> str:
    """The policy as the ``<meta>`` element that goes first in a page's ``<head>``."""
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CONTENT_SECURITY_POLICY)}">'
    )
