"""Named points where the tests make a build die, or its disk fill up.

A build must leave the output folder either as the last complete site or as
the new one, however it is stopped. The tests check that by running builds
that stop dead (``os._exit``: nothing is cleaned up, as after kill -9) at
the point named in ``SITEGEN_TEST_CRASH_AT``, or whose writes fail as on a
full disk after ``SITEGEN_TEST_DISK_FULL_AFTER`` files. Unset, as it always
is outside the tests, each check costs one dictionary lookup.
"""

from __future__ import annotations

import errno
import os

CRASH_AT = "SITEGEN_TEST_CRASH_AT"
DISK_FULL_AFTER = "SITEGEN_TEST_DISK_FULL_AFTER"
_writes = 0


def reached(point: str) -> None:
    """Die here, at once, if the tests asked for it."""
    if os.environ.get(CRASH_AT) == point:
        os._exit(137)


def may_write() -> None:
    """Before writing a file: fail as a full disk does, once the tests' allowance is spent."""
    allowance = os.environ.get(DISK_FULL_AFTER)
    if allowance is None:
        return
    global _writes
    _writes += 1
    if _writes > int(allowance):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
