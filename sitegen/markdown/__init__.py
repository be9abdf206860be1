"""Article bodies: Markdown to HTML, with the quotes and summary pages reuse.

markup.py is the entry point (``Markup.render``). The faster ways to the
same HTML for plain prose live behind one switch beside markdown-it-py
(markdown_it_adapter.py, plain_inline.py, plainbody.py); quotes.py finds quotes
and summaries; rebase.py keeps root-relative links under the base path.

May import core/ only.
"""
