"""Run Python sources each in a fresh process, as a reader pastes a block into a new interpreter.

A new interpreter that imports torch and TensorFlow spends about 4 s before the first line of a
block runs; a hundred blocks would spend minutes on imports alone. So one server process imports
numpy, torch and keras, and nothing else, and then forks one child per source. Each child starts
from that state: fresh ``__main__`` globals (a name the block does not define or import is a
NameError, as for the reader), no layer created yet (Keras' name counters at zero), the default
random state. Only the import of those three packages is shared; a block must still import them
itself.

    results = run_fresh(["import torch\\nprint(torch.ones(2).shape)"])
    results[0].ok, results[0].output  # True, 'torch.Size([2])\\n'

The server is this module run as a script. It is started once per test run, on the first call
(or earlier, by ``start()``), and serves every later call too (the copy test and the explorer's
tests share it): the server itself never runs a source, so it stays as it was after its imports,
and each call's children are as fresh as the first call's. Each request is one JSON line on its
stdin (the sources and how many children may run at once), each answer one JSON line on its
stdout (one result per source). It exits when its stdin closes (at the latest when this process
exits).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass

TIMEOUT_S = 300  # one block; the slowest on the site takes a few seconds
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass
class Result:
    ok: bool
    output: str  # stdout and stderr together, as a terminal would show them


class _Server:
    """The warmed process, started once and kept for the whole test run."""

    def __init__(self):
        # Its stderr goes to a file: a pipe nobody reads could fill up and block the server.
        self.stderr = tempfile.TemporaryFile(mode="w+", prefix="fresh-server-")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fresh_python"], cwd=ROOT, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
        )
        atexit.register(self.close)

    def ask(self, sources: list[str], jobs: int) -> list[Result]:
        try:
            self.process.stdin.write(json.dumps({"sources": sources, "jobs": jobs}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            self.process.wait(timeout=60)
            self.stderr.seek(0)
            raise RuntimeError(f"the fresh-process server failed (exit "
                               f"{self.process.returncode}):\n{self.stderr.read()[-4000:]}")
        return [Result(**r) for r in json.loads(line)]

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


_server: _Server | None = None


def start() -> None:
    """Start the server now (its imports then overlap whatever runs until the first call)."""
    global _server
    if _server is None or not _server.alive():
        _server = _Server()


def run_fresh(sources: list[str], jobs: int | None = None) -> list[Result]:
    """Run each source in a fresh process; return their results in the same order."""
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise TypeError("run_fresh takes a list of source strings")
    start()
    return _server.ask(sources, jobs or os.cpu_count() or 1)


def _child(source: str, log: str) -> None:
    """In the forked process: run ``source`` as ``__main__`` with stdout/stderr into ``log``."""
    fd = os.open(log, os.O_WRONLY | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(0)  # the server's stdin is the request pipe: a block reading stdin gets EOF
    os.open(os.devnull, os.O_RDONLY)
    sys.stdin = open(0, closefd=False)
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, closefd=False)
    status = 0
    try:
        exec(compile(source, "<block>", "exec"), {"__name__": "__main__"})
    except SystemExit as err:
        status = 0 if err.code in (None, 0) else 1
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _serve(sources: list[str], jobs: int) -> list[dict]:
    results: list[dict | None] = [None] * len(sources)
    logs = [tempfile.mkstemp(prefix="fresh-", suffix=".log") for _ in sources]
    for fd, _ in logs:
        os.close(fd)
    running: dict[int, tuple[int, float]] = {}  # pid -> (index, start)
    pending = list(range(len(sources)))
    while pending or running:
        while pending and len(running) < jobs:
            index = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                try:
                    _child(sources[index], logs[index][1])
                finally:
                    os._exit(1)  # never back into the server's loop
            running[pid] = (index, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for other, (_, start) in list(running.items()):
                if time.monotonic() - start > TIMEOUT_S:
                    os.kill(other, 9)
            time.sleep(0.01)
            continue
        index, start = running.pop(pid)
        with open(logs[index][1], encoding="utf-8", errors="replace") as f:
            output = f.read()
        if os.WIFSIGNALED(status):
            output += f"\n(killed by signal {os.WTERMSIG(status)}; over {TIMEOUT_S} s?)"
        ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        results[index] = {"ok": ok, "output": output}
    for _, path in logs:
        os.unlink(path)
    return results


def _main() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    import keras  # noqa: F401  (imported once, shared by every child)
    import numpy  # noqa: F401
    import torch  # noqa: F401

    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.write(json.dumps(_serve(request["sources"], request["jobs"])) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _main()
