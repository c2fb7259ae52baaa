"""Run the web server and the worker side by side, and stop both cleanly (``make run``, ``make serve``).

Each child runs in its own process group, so a terminal's Ctrl-C reaches only make and this supervisor, which
decides what each child gets:

- the first SIGINT or SIGTERM asks every child to stop gracefully: SIGTERM to the group's *leader* only (the
  runserver reloader, gunicorn's master, qcluster's main process), which stops its own children;
- whatever is still alive after the grace period (10 s by default), or as soon as a second signal arrives,
  is killed: SIGKILL to every child's whole process group;
- if a child exits on its own, the others are stopped the same way and the supervisor exits non-zero.

Why only the leader, never the group, gets the graceful SIGTERM: django-q2's sentinel process keeps the
default SIGTERM action, so a SIGTERM sent to qcluster's whole group kills the sentinel at once while it sleeps
in ``stop_event.wait()``. The main process's own signal handler then calls ``stop_event.set()``, whose
``Condition.notify_all()`` waits forever for the dead sleeper to acknowledge the wake-up: the main process
hangs with no children, blocked on a semaphore (django-q2 1.11, ``Cluster.stop``). Signalling the leader
alone avoids that, and the SIGKILL to the group after the grace period ends it whatever state it is in.

Hand-written rather than a process manager: honcho (a Procfile runner) does not kill at once on a second
signal, and supervisord is a daemon with its own configuration and control socket, made for services rather
than a foreground ``make`` target. What is needed here is about 150 lines of the standard library.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

GRACE_SECONDS = 10.0
# How often the loop looks at the children and at signals received; bounds how late a reaction comes.
_TICK_SECONDS = 0.1


@dataclass
class Child:
    """One supervised command and, once started, its process (the leader of its own process group)."""

    name: str
    argv: list[str]
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self, env: dict[str, str] | None) -> None:
        # process_group=0: a new group in the same session, so the terminal's Ctrl-C does not reach it directly.
        # The commands come from our Makefile (or whoever runs this), never from a request.
        self.process = subprocess.Popen(self.argv, env=env, stdin=subprocess.DEVNULL, process_group=0)  # noqa: S603

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_leader(self, signum: int) -> None:
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signum)

    def kill_group(self) -> None:
        """SIGKILL everything left in the child's process group (the leader may be gone, its children not)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):  # raised when the group is empty
            os.killpg(self.process.pid, signal.SIGKILL)


class Supervisor:
    """Starts the children, waits, and stops them all on a signal or when one of them exits."""

    def __init__(self, children: Sequence[Child], grace: float = GRACE_SECONDS) -> None:
        self.children = list(children)
        self.grace = grace
        self._signals: list[int] = []
        self._deadline: float | None = None
        self._exit_code = 0

    def _on_signal(self, signum: int, _frame: object) -> None:
        # Only recorded here; the loop acts on it, so no work happens inside the handler.
        self._signals.append(signum)

    def run(self, env: dict[str, str] | None = None) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)
        try:
            for child in self.children:
                child.start(env)
            while any(child.running for child in self.children):
                self._step()
                time.sleep(_TICK_SECONDS)
        finally:
            # Whatever happened, leave nothing behind: orphans of an exited leader are still in its group.
            for child in self.children:
                child.kill_group()
            for child in self.children:
                if child.process is not None:
                    child.process.wait()
        return self._exit_code

    def _step(self) -> None:
        if self._signals:
            signum = self._signals.pop(0)
            if self._deadline is None:
                self._exit_code = 128 + signum
                self._stop(f"got {signal.Signals(signum).name}")
            else:
                self._kill(f"got {signal.Signals(signum).name} again")
        elif self._deadline is None and (exited := [c for c in self.children if not c.running]):
            child = exited[0]
            returncode = child.process.returncode
            self._exit_code = returncode if returncode > 0 else 1  # a child that stops unasked is a failure
            self._stop(f"{child.name} exited with status {child.process.returncode}")
        elif self._deadline is not None and time.monotonic() > self._deadline:
            self._kill(f"still running after {self.grace:g} s")

    def _stop(self, why: str) -> None:
        _say(f"{why}: stopping {self._names()} (up to {self.grace:g} s; Ctrl-C again to kill at once)")
        self._deadline = time.monotonic() + self.grace
        for child in self.children:
            child.signal_leader(signal.SIGTERM)

    def _kill(self, why: str) -> None:
        _say(f"{why}: killing {self._names()}")
        for child in self.children:
            child.kill_group()

    def _names(self) -> str:
        return " and ".join(child.name for child in self.children if child.running) or "nothing"


def _say(message: str) -> None:
    print(f"[supervise] {message}", file=sys.stderr, flush=True)


def parse_child(spec: str) -> Child:
    """``name=command line`` (split like a shell would, without running one)."""
    name, sep, command = spec.partition("=")
    if not sep or not name or not command.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=COMMAND, got {spec!r}")
    return Child(name=name, argv=shlex.split(command))


def main(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run commands side by side and stop them all cleanly.")
    parser.add_argument("--grace", type=float, default=GRACE_SECONDS, help="seconds to wait before killing")
    parser.add_argument("children", nargs="+", type=parse_child, metavar="NAME=COMMAND")
    args = parser.parse_args(argv)
    return Supervisor(args.children, grace=args.grace).run(env)


if __name__ == "__main__":
    sys.exit(main())
