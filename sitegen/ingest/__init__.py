"""Ingest: raw news captures → articles that follow the front-matter contract.

``run.py`` drives it; ``normalise.py`` reads one capture through the stages
(text → layout → datelines/dating → quotes → speakers → subjects → headline →
compose); ``store.py`` decides what may be written; ``report.py`` says what
happened.
"""
