"""The Content-Security-Policy every page carries, as a <meta> (static hosts send no headers).

Scripts run only from the site itself: no plugin, no inline script (the
preview's live-reload snippet is a file of the preview too), no forms or
bases elsewhere.
Style attributes stay allowed: the charts size their bars with one.
"""

from __future__ import annotations


def content_security_policy() -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])
