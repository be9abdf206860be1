"""The ``sitegen`` command: arguments in, a command run, problems out as messages and an exit code.

main.py owns the parser and turns a SitegenError into ``path:line: message
(hint)`` lines and exit status 1; curator_commands.py adds check, new,
review, cms and demo; check_output.py prints check's report as text, GitHub
annotations or JSON.

May import every other part; nothing imports it. Before anything else it has
the methods of every dataclass compiled once and kept (core/dataclasses_adapter.py).
"""

from sitegen.core import dataclasses_adapter

dataclasses_adapter.install()  # before the command's modules make their record classes
