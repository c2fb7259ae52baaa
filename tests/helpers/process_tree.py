"""Finds every process a command started and waits, with a deadline, until none of them is left."""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass

import psutil

PORTS = range(8820, 8830)  # the range these tests may listen on


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


def _alive(proc: psutil.Process) -> bool:
    # A zombie has finished; only its parent (or init) has not read its status yet.
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@dataclass
class Tree:
    """A process, everything below it when the snapshot was taken, and their process groups."""

    processes: list[psutil.Process]
    groups: set[int]

    @classmethod
    def of(cls, pid: int) -> Tree:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
        groups = set()
        for proc in processes:
            try:
                groups.add(os.getpgid(proc.pid))
            except ProcessLookupError:
                continue
        return cls(processes, groups)

    def commands(self) -> list[str]:
        out = []
        for proc in self.processes:
            try:
                out.append(" ".join(proc.cmdline()))
            except psutil.NoSuchProcess:
                continue
        return out

    def left(self) -> list[str]:
        """Processes of the snapshot still alive, and any live process in one of its groups (started later)."""
        left = {proc.pid: proc for proc in self.processes if _alive(proc)}
        for proc in psutil.process_iter():
            try:
                if proc.pid not in left and os.getpgid(proc.pid) in self.groups and _alive(proc):
                    left[proc.pid] = proc
            except (psutil.NoSuchProcess, ProcessLookupError):
                continue
        return [f"{pid} {_describe(proc)}" for pid, proc in left.items()]

    def wait_until_gone(self, timeout: float) -> list[str]:
        """Poll until nothing is left or the deadline passes; what is still there (empty when all gone)."""
        deadline = time.monotonic() + timeout
        while (left := self.left()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return left


def _describe(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline()) or proc.name()
    except psutil.NoSuchProcess:
        return "(gone)"
