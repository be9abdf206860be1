"""The archive as data: articles read and validated, indexed, and the site's pages planned.

Owns the front-matter contract (contract.py) and the reading of article
files to it (frontmatter.py, article.py with article_keys.py, load.py), the index of the archive
(index.py, related.py, translations.py, calendar.py), the page plan with its URLs
(routes.py, pagination.py), the assets to publish (assets.py), the git
history of article files (history.py), the review notes (review_notes.py),
new article files (new_article.py) and an invented archive to try the
pages on (demo.py, ``sitegen demo``).

May import core/ only.
"""
