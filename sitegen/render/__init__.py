"""Pages to bytes: what each page shows, through Jinja templates.

contexts.py builds each page kind's data from the index (navigation.py the
ways through listings and the calendar, sayings.py who said what in short,
machine_readable.py the feeds', sitemaps' and JSON export's); bodies.py renders
article bodies when a page first needs them (handed a reader of their text:
render never opens a file); templates.py runs Jinja with autoescape and
StrictUndefined; charts.py and jsonld.py make SVG charts and JSON-LD from
records; links.py makes URLs. Faster paths through Jinja and markupsafe sit
behind one switch each (jinja_adapter.py, markupsafe_adapter.py).

May import core/, archive/ and markdown/.
"""
