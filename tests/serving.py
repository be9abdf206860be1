"""Running `sitegen serve` in a subprocess for tests, and talking to it byte for byte.

Plain functions and one context manager, imported by tests/test_serve.py:

    with running_server(root) as server:       # waits until it answers
        status, headers, body = raw_get(server.port, b"/../secret")

The server always runs this checkout's sitegen (PYTHONPATH), in the
archive's folder (so diagnostics read ``content/articles/…``), and is always
stopped: Ctrl-C (SIGINT) first, then kill.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0  # a cold start under a loaded CI machine can be slow
T = TypeVar("T")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    url: str
    log_dir: Path

    def output(self) -> tuple[str, str]:
        """What the server printed so far: (stdout, stderr)."""
        return tuple((self.log_dir / name).read_text(encoding="utf-8", errors="replace")
                     for name in ("stdout", "stderr"))

    def describe(self) -> str:
        out, err = self.output()
        return f"server exit code {self.process.poll()}\n--- stdout\n{out}\n--- stderr\n{err}"

    def stop(self, timeout: float = 15.0) -> int:
        """Ctrl-C, as a user would; kill if that does not end it. Returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        return self.process.returncode


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(root: Path, *args: str) -> Iterator[Server]:
    """Start `sitegen --root ROOT serve --port P ARGS…`; yield once it answers HTTP; stop it."""
    for attempt in range(3):  # the free port may be taken before the server binds it
        server = _start(root, free_port(), args, attempt)
        try:
            if _wait_ready(server):
                yield server
                return
        finally:
            server.stop()
        if "cannot listen" not in server.output()[1]:
            raise AssertionError(f"sitegen serve did not start\n{server.describe()}")
    raise AssertionError(f"sitegen serve found no free port\n{server.describe()}")


def _start(root: Path, port: int, args: tuple[str, ...], attempt: int) -> Server:
    log_dir = root.parent / f"serve-{port}-{attempt}"
    log_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with open(log_dir / "stdout", "wb") as out, open(log_dir / "stderr", "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "--root", str(root), "serve", "--port", str(port), *args],
            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            preexec_fn=_hear_ctrl_c)
    return Server(process, port, f"http://127.0.0.1:{port}/", log_dir)


def _hear_ctrl_c() -> None:
    """Let the server hear Ctrl-C even when the tests run as a background job.

    A shell without job control starts background commands with SIGINT
    ignored, and children inherit that; Python then installs no Ctrl-C
    handler, and ``stop()`` would wait for nothing. A user's terminal never
    does this, so the test restores the terminal's behaviour.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_ready(server: Server) -> bool:
    """True once the server answers; False if it exited (say, the port was taken)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            raw_get(server.port, b"/", timeout=2)
            return True
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"sitegen serve did not answer in {START_TIMEOUT} s\n{server.describe()}")


def raw_get(port: int, target: bytes, *, host: str = "127.0.0.1", host_header: str | None = None,
            timeout: float = 15.0) -> tuple[int, str, bytes]:
    """Send ``GET <target> HTTP/1.1`` exactly as given (no client normalises the path).

    Returns (status, header block, body).
    """
    request = (b"GET " + target + b" HTTP/1.1\r\nHost: " + (host_header or f"{host}:{port}").encode()
               + b"\r\nConnection: close\r\n\r\n")
    return raw_request(port, request, host=host, timeout=timeout)


def raw_request(port: int, request: bytes, *, host: str = "127.0.0.1",
                timeout: float = 15.0) -> tuple[int, str, bytes]:
    """Send ``request``'s bytes as they are and read to the end: (status, header block, body)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), head.decode("latin-1"), body


def wait_until(probe: Callable[[], T], timeout: float = 20.0, what: str = "the condition") -> T:
    """Call ``probe`` until it returns something truthy; return that. Fails after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)
