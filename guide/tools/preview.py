"""Live preview (`mkdocs serve`): a content error must not stop the server or leave the browser waiting.

The hooks keep the last good pages, log the problems, and put them at the top of every page until they
are fixed. Plain functions here; the MkDocs glue is in hooks/guide_hooks.py.
"""
from __future__ import annotations

import html
import logging
import sys

# Not under "mkdocs.": MkDocs counts its own warnings and errors to fail strict builds, and a preview
# with a content error must still finish its build to keep serving.
log = logging.getLogger("guide.preview")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def report_problems(report: str) -> None:
    log.error(f"{report}\nThe preview keeps showing the last good pages; fix the files above and save.")


def problems_banner(report: str) -> str:
    """HTML put at the top of every previewed page while the content has problems (escaped: it is text)."""
    return ('<div class="admonition failure guide-content-problems" role="alert">'
            '<p class="admonition-title">Content problems: this preview shows the last good version</p>'
            f'<pre>{html.escape(report)}</pre></div>\n')
