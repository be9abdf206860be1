"""Ingest: raw news captures → articles that follow the front-matter contract.

``run.py`` drives it; ``normalise.py`` reads one capture through the stages
(text → layout and edges → datelines/dating → quotes → persons → speakers
(cast, saying) → subjects → headline → compose); ``store.py`` decides what
may be written; ``report.py`` says what happened. ``unknown_people.py``
serves ``sitegen review --people``. Outlet profiles are hints: every stage
works for a capture from an outlet nobody described.

May import core/ and archive/ (the front-matter writer), nothing of the build.
"""
