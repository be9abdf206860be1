"""A build: the pipeline of stages, and the engine that runs it as little as possible.

pipeline.py names the stages in order; site_folder.py is the only code that
writes the output folder, and search_index.py indexes it for search. The
engine (engine.py) drives the pipeline: it skips a build when no input
changed (input_stamp.py), reuses what the last build knew (last_build.py),
renders only pages whose inputs changed (page_digests.py), reads and renders
on every core (parallel_read.py, parallel_render.py), keeps compiled
templates (template_cache.py) and publishes (publish.py). collector.py is
the one place that tunes Python's garbage collector; progress.py draws the bar.

May import core/, archive/, markdown/ and render/. The stages (pipeline.py,
site_folder.py, search_index.py) never import the engine: it hands them
what they need.
"""
