"""The supervisor behind `make run`/`make serve`, `make serve`'s environment and the development .env."""

import select
import shlex
import signal
import stat
import subprocess
import sys
import time

from config.env_file import ensure_env_file
from config.secrets import secret_key_problem
from config.serve import gunicorn_argv, serve_environment
from tests.helpers.process_tree import Tree
from tests.helpers.processes import ROOT, child_env

# A child that starts a grandchild in its own process group and then waits; `ignore` makes both ignore
# SIGTERM, the way a process stuck in a signal handler would behave.
_PARENT = (
    "import signal, subprocess, sys, time\n"
    "if sys.argv[1] == 'ignore': signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "subprocess.Popen([sys.executable, '-c', 'import time\\nwhile True: time.sleep(1)'])\n"
    "print('ready', flush=True)\n"
    "while True: time.sleep(1)\n"
)


def _supervise(*children: str, grace: float = 10) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "config.supervise", "--grace", str(grace), *children],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _child(name: str, mode: str = "plain") -> str:
    return f"{name}={sys.executable} -c {shlex.quote(_PARENT)} {mode}"


def _wait_for_children(proc: subprocess.Popen, count: int, timeout: float = 30) -> Tree:
    """The supervisor's tree once ``count`` processes run below it (each child and its grandchild)."""
    deadline = time.monotonic() + timeout
    while len((tree := Tree.of(proc.pid)).processes) < count + 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(tree.processes) == count + 1, tree.commands()
    return tree


def test_a_signal_stops_the_children_and_their_children():
    proc = _supervise(_child("one"), _child("two"))
    tree = _wait_for_children(proc, 4)
    assert len(tree.groups) == 3, "each child runs in its own process group"
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=15) == 128 + signal.SIGINT
    assert tree.wait_until_gone(timeout=5) == []


def test_a_child_ignoring_the_stop_is_killed_with_its_group_after_the_grace_period():
    proc = _supervise(_child("stubborn", "ignore"), grace=1)
    tree = _wait_for_children(proc, 2)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 128 + signal.SIGTERM
    assert time.monotonic() - started >= 1, "the grace period was not given"
    assert tree.wait_until_gone(timeout=5) == []
    assert "killing stubborn" in proc.stderr.read()


def _wait_for_stderr(proc: subprocess.Popen, text: str, timeout: float = 10) -> None:
    """Read the supervisor's stderr until a line holds ``text`` (a person's second Ctrl-C comes after the first
    was seen; two signals sent at the same instant are one pending signal to the kernel)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
        if ready and text in proc.stderr.readline():
            return
    raise AssertionError(f"the supervisor never said {text!r}")


def test_a_second_signal_kills_at_once():
    proc = _supervise(_child("stubborn", "ignore"), grace=60)
    tree = _wait_for_children(proc, 2)
    proc.send_signal(signal.SIGINT)
    _wait_for_stderr(proc, "got SIGINT: stopping")
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 128 + signal.SIGINT, "it waited for the 60 s grace period"
    assert tree.wait_until_gone(timeout=5) == []


def test_when_one_child_exits_the_other_is_stopped_and_the_supervisor_fails(tmp_path):
    go = tmp_path / "go"
    # exits with 3 once the test has seen every process (polls for the file the test then creates)
    short = f"import os, sys, time\nwhile not os.path.exists({str(go)!r}): time.sleep(0.05)\nsys.exit(3)"
    proc = _supervise(_child("long"), f"short={sys.executable} -c {shlex.quote(short)}")
    tree = _wait_for_children(proc, 3)
    go.touch()
    assert proc.wait(timeout=30) == 3
    assert "short exited with status 3" in proc.stderr.read()
    assert tree.wait_until_gone(timeout=5) == [], "the other child and its grandchild must go too"


def test_a_malformed_child_is_refused():
    result = subprocess.run(
        [sys.executable, "-m", "config.supervise", "no-name-here"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "expected NAME=COMMAND" in result.stderr


# --- make serve's environment ---------------------------------------------------------------------------------


def test_serve_turns_debug_off_and_allows_plain_http_on_loopback():
    env = serve_environment("127.0.0.1", {"DEBUG": "true", "PATH": "/bin"}, {"DEBUG": "true", "SECRET_KEY": "k"})
    assert env["DEBUG"] == "false"
    assert env["SECURE_SSL_REDIRECT"] == env["SESSION_COOKIE_SECURE"] == env["CSRF_COOKIE_SECURE"] == "false"
    assert "127.0.0.1" in env["ALLOWED_HOSTS"].split(",")
    assert "SECRET_KEY" not in env, "the key stays in .env, where the settings read it"


def test_serve_keeps_https_defaults_on_other_hosts_and_allows_the_host():
    env = serve_environment("192.0.2.10", {}, {})
    assert "SECURE_SSL_REDIRECT" not in env
    assert "SESSION_COOKIE_SECURE" not in env
    assert env["ALLOWED_HOSTS"].split(",") == ["localhost", "127.0.0.1", "[::1]", "192.0.2.10"]


def test_explicit_settings_win_over_serve_defaults():
    from_env = serve_environment("127.0.0.1", {"SECURE_SSL_REDIRECT": "true", "ALLOWED_HOSTS": "a.example"}, {})
    assert from_env["SECURE_SSL_REDIRECT"] == "true"
    assert from_env["ALLOWED_HOSTS"] == "a.example"
    from_dotenv = serve_environment("localhost", {}, {"CSRF_COOKIE_SECURE": "true", "ALLOWED_HOSTS": "b.example"})
    assert "CSRF_COOKIE_SECURE" not in from_dotenv, "the .env value must not be overridden"
    assert "ALLOWED_HOSTS" not in from_dotenv


def test_gunicorn_command_binds_ipv6_hosts_in_brackets():
    argv = gunicorn_argv("::1", 8821, workers=3, threads=2)
    assert argv[argv.index("--bind") + 1] == "[::1]:8821"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--threads") + 1] == "2"


# --- the development .env ------------------------------------------------------------------------------------


def test_env_file_is_written_once_with_debug_on_and_a_strong_secret(tmp_path):
    path = tmp_path / ".env"
    assert ensure_env_file(path) is True
    values = dict(line.split("=", 1) for line in path.read_text().splitlines() if line and line[0] != "#")
    assert values["DEBUG"] == "true"
    assert secret_key_problem(values["SECRET_KEY"]) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    assert ensure_env_file(path) is False
    assert path.read_text() == first


def test_env_file_never_overwrites_an_existing_one(tmp_path):
    path = tmp_path / ".env"
    path.write_text("DEBUG=false\n")
    result = subprocess.run(
        [sys.executable, "-m", "config.env_file", str(path)],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert path.read_text() == "DEBUG=false\n"


def test_each_env_file_gets_its_own_secret(tmp_path):
    ensure_env_file(tmp_path / "a")
    ensure_env_file(tmp_path / "b")
    assert (tmp_path / "a").read_text() != (tmp_path / "b").read_text()
