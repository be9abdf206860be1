"""``sitegen serve``: a warm builder behind a preview server that reloads the browser.

server.py rebuilds on change and serves the preview folder; handler.py
answers requests (only files of the site, the error page while a build
fails); livereload_adapter.py is the one place that knows livereload's
insides.

May import core/ and build/.
"""
