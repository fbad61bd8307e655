"""Child processes in their own process groups: start, tee their output, stop the whole group."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

from deploy.local.stack.common import (
    REPO_ROOT,
    STOP_TIMEOUT,
    StackError,
)


class Daemon:
    """A long-running child process in its own process group, with readiness and stop/restart.

    Subclasses say how to prepare (`_prepare`), what to run (`_command`) and when it is ready
    (`_probe`). ``echo_prefix`` tees the output to the console (prefixed) besides the log file;
    otherwise output goes to the log file only.
    """

    name = "daemon"
    ready_timeout = 60.0

    def __init__(self, output_path: Path, echo_prefix: str | None = None) -> None:
        self.output_path = output_path
        self.echo_prefix = echo_prefix
        self._popen: subprocess.Popen[bytes] | None = None

    # -- hooks
    def _prepare(self) -> None:
        """Create directories/files the command needs (idempotent)."""

    def _command(self) -> list[str]:
        raise NotImplementedError

    def _env(self) -> dict[str, str]:
        return dict(os.environ)

    def _probe(self) -> bool:
        """One readiness check; must be quick and must not raise when not ready yet."""
        raise NotImplementedError

    def log_paths(self) -> list[Path]:
        """Where to look when the process misbehaves, most useful first."""
        return [self.output_path]

    # -- lifecycle
    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen else None

    @property
    def running(self) -> bool:
        return self._popen is not None and self._popen.poll() is None

    def start(self, wait: bool = True) -> None:
        """Spawn the process (if not running) and, by default, wait until it is ready."""
        if self.running:
            return
        self._prepare()
        self.output_path.parent.mkdir(parents=True, exist_ok=True)
        self._spawn()
        if wait:
            self.wait_ready()

    def _spawn(self) -> None:
        log = self.output_path.open("ab")
        log.write(f"\n=== {self.name} started {time.strftime('%Y-%m-%d %H:%M:%S')} ===\n".encode())
        log.flush()
        self._popen = subprocess.Popen(
            self._command(),
            cwd=REPO_ROOT,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if self.echo_prefix else log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.echo_prefix and self._popen.stdout is not None:
            pump = threading.Thread(
                target=_tee, args=(self._popen.stdout, log, self.echo_prefix), daemon=True
            )
            pump.start()
        else:
            log.close()

    def wait_ready(self, timeout: float | None = None) -> None:
        """Poll `_probe` until it succeeds; fail fast, with the log's tail, if the process dies."""
        limit = timeout or self.ready_timeout
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if not self.running:
                code = self._popen.returncode if self._popen else None
                raise StackError(f"{self.name} exited ({code}) while starting{self._hint()}")
            if self._probe():
                return
            time.sleep(0.3)
        raise StackError(f"{self.name} not ready after {limit:.0f}s{self._hint()}")

    def _hint(self) -> str:
        paths = [p for p in self.log_paths() if p.is_file() and p.stat().st_size]
        tails = "".join(f"\n--- last lines of {p}:\n{tail(p)}" for p in paths)
        where = ", ".join(str(p) for p in self.log_paths())
        return f"; see {where}{tails}"

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM the process group, then SIGKILL it when it has not exited within ``timeout``."""
        self.terminate()
        self.wait_stopped(timeout)

    def terminate(self) -> None:
        """Send SIGTERM without waiting, to stop several daemons in parallel (then `wait_stopped`).

        Sent once only: a second signal makes some servers skip their graceful shutdown.
        """
        if self._popen is not None:
            signal_group(self._popen.pid, signal.SIGTERM)

    def wait_stopped(self, timeout: float = STOP_TIMEOUT) -> None:
        """Wait for a terminated process to exit, SIGKILLing its group after ``timeout``."""
        if self._popen is None:
            return
        await_group_exit(self._popen.pid, timeout, self._popen)
        self._popen = None

    def kill(self) -> None:
        """SIGKILL the process group: a crash, for tests of recovery."""
        if self._popen is None:
            return
        signal_group(self._popen.pid, signal.SIGKILL)
        self._popen.wait()
        self._popen = None

    def restart(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop gracefully, then start again with the same ports and data."""
        self.stop(timeout)
        self.start()


def _tee(stream: IO[bytes], log: IO[bytes], prefix: str) -> None:
    """Copy a child's output to its log file and, prefixed, to our console, line by line."""
    with log:
        for line in iter(stream.readline, b""):
            log.write(line)
            log.flush()
            text = line.decode("utf-8", errors="replace").rstrip("\n")
            # A closed console must not stop the copying: the child would block on a full pipe.
            with _CONSOLE_LOCK, contextlib.suppress(OSError, ValueError):
                print(f"{prefix}{text}", flush=True)


_CONSOLE_LOCK = threading.Lock()


def tail(path: Path, lines: int = 25) -> str:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 16_384))
        return "\n".join(fh.read().decode("utf-8", errors="replace").splitlines()[-lines:])


def signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


def stop_group(pid: int, timeout: float, popen: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM a process group led by ``pid``, wait, then SIGKILL it.

    ``popen`` is given when the leader is our child (so it is reaped); a leader started by an
    earlier ``up --detach`` is not our child and is polled instead.
    """
    signal_group(pid, signal.SIGTERM)
    await_group_exit(pid, timeout, popen)


def await_group_exit(
    pid: int, timeout: float, popen: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait for a SIGTERMed group leader to exit; SIGKILL the group when it takes too long."""
    if not wait_exit(pid, timeout, popen):
        print(f"stack: pid {pid} ignored SIGTERM for {timeout:.0f}s: SIGKILL")
        signal_group(pid, signal.SIGKILL)
        wait_exit(pid, 10.0, popen)


def wait_exit(pid: int, timeout: float, popen: subprocess.Popen[bytes] | None) -> bool:
    if popen is not None:
        try:
            popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True
    deadline = time.monotonic() + timeout
    while process_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return Path(f"/proc/{pid}").is_dir() and not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False
