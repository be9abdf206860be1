"""``sitegen check`` and the curator's tools: what a pull request should hear.

checks.py runs the build's own validation and adds near-duplicates
(near_duplicates.py), broken internal links (body_links.py), open review
notes, future dates, quote translations that pair with no quote
(quote_translations.py) and misplaced files (file_layout.py), and renders one
page of each kind to try the templates (templates.py); cms_lists.py writes
and checks the web editor's lists.

May import core/, archive/, markdown/ and render/.
"""
