"""`python -m deploy.local.stack up [--detach] | down | status | deps`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from deploy.local import stack as package
from deploy.local.stack.common import (
    PIDS_FILE,
    STOP_TIMEOUT,
    StackError,
)
from deploy.local.stack.prerequisites import (
    default_cache_dir,
    ensure_kafka_libs,
    ensure_system_packages,
)
from deploy.local.stack.processes import (
    await_group_exit,
    process_alive,
    signal_group,
    stop_group,
    wait_exit,
)
from deploy.local.stack.up import (
    LocalStack,
    is_ours,
    portal_url,
    read_pids,
    relative,
    run_seed,
    start_infra,
    start_services,
    summary,
    write_pids,
)


def cmd_up(detach: bool) -> int:
    """Start the stack; in the foreground, stream service output until Ctrl-C or SIGTERM."""
    if _recorded_alive():
        print("stack: a stack is already running (see `status`); `down` stops it", file=sys.stderr)
        return 1
    stack = LocalStack()
    # Explicit: a launcher started from a script inherits SIGINT ignored, and Ctrl-C must work.
    signal.signal(signal.SIGINT, _raise_keyboard_interrupt)
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        start_infra(stack)
        start_services(stack, echo=not detach)
        run_seed(stack)
        write_pids(stack, None if detach else os.getpid())
        portal = portal_url(stack)
        opening = f"Open the exchange's pages at {portal}\n" if portal else ""
        print(f"\n{opening}STX local stack is up\n{summary(stack)}\n", flush=True)
        if detach:
            print("stack: detached; `python -m deploy.local.stack down` (or `make down`) stops it")
            return 0
        print("stack: streaming service output; Ctrl-C stops everything", flush=True)
        _watch(stack)
    except StackError as exc:
        print(f"stack: ERROR {exc}", file=sys.stderr)
        _shutdown(stack)
        return 1
    except KeyboardInterrupt:
        print("\nstack: stopping", flush=True)
    _shutdown(stack)
    return 0


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _watch(stack: LocalStack) -> None:
    """Block until interrupted, reporting (once) any service that exits on its own."""
    reported: set[str] = set()
    while True:
        time.sleep(0.5)
        for daemon in stack.daemons():
            if daemon.name not in reported and not daemon.running:
                reported.add(daemon.name)
                print(f"stack: WARNING {daemon.name} exited; see {relative(daemon.log_paths()[0])}")


def _shutdown(stack: LocalStack) -> None:
    """Stop everything; further Ctrl-C are ignored so a cleanup is never cut half-way."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    stack.stop()
    PIDS_FILE.unlink(missing_ok=True)
    print("stack: stopped", flush=True)


def _recorded_alive() -> bool:
    recorded = read_pids() or {}
    launcher = recorded.get("launcher")
    return bool(launcher and process_alive(launcher)) or any(
        is_ours(c["pid"], c["marker"]) for c in recorded.get("components", [])
    )


def cmd_down() -> int:
    """Stop the recorded stack: ask a foreground launcher to stop, else stop each process."""
    recorded = read_pids()
    if recorded is None:
        print("stack: nothing recorded in .data/stack.pids; nothing to stop")
        return 0
    launcher = recorded.get("launcher")
    if launcher and process_alive(launcher):
        print(f"stack: asking the launcher (pid {launcher}) to stop the stack")
        os.kill(launcher, signal.SIGTERM)
        wait_exit(launcher, 3 * STOP_TIMEOUT, None)
    ours = [c for c in recorded.get("components", []) if is_ours(c["pid"], c["marker"])]
    services = [c for c in ours if c["marker"].startswith("services.")]
    for component in services:
        print(f"stack: stopping {component['name']} (pid {component['pid']})")
        signal_group(component["pid"], signal.SIGTERM)
    for component in services:
        await_group_exit(component["pid"], STOP_TIMEOUT)
    for component in [c for c in ours if c not in services]:
        print(f"stack: stopping {component['name']} (pid {component['pid']})")
        stop_group(component["pid"], STOP_TIMEOUT)
    PIDS_FILE.unlink(missing_ok=True)
    print("stack: stopped")
    return 0


def cmd_status() -> int:
    """Print each recorded component, whether it runs and where; exit 1 when nothing runs."""
    recorded = read_pids()
    if recorded is None:
        print("stack: not running (no .data/stack.pids)")
        return 1
    launcher = recorded.get("launcher")
    if launcher:
        state = "running" if process_alive(launcher) else "GONE"
        print(f"  {'launcher':<13} {state:<8} pid {launcher:<8} (foreground `up`)")
    running = 0
    for component in recorded.get("components", []):
        alive = is_ours(component["pid"], component["marker"])
        running += alive
        state = "running" if alive else "STOPPED"
        print(f"  {component['name']:<13} {state:<8} pid {component['pid']:<8} "
              f"{component['endpoint']:<50} {component['log']}")  # fmt: skip
    return 0 if running else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.local.stack", description=package.__doc__
    )
    commands = parser.add_subparsers(dest="command", required=True)
    up = commands.add_parser("up", help="start Kafka, SecantusDB and the services")
    up.add_argument("--detach", action="store_true", help="return once up; `down` stops it")
    commands.add_parser("down", help="stop a stack started by `up` (detached or not)")
    commands.add_parser("status", help="show what runs")
    commands.add_parser("deps", help="install Java/Maven if missing and resolve the Kafka jars")
    args = parser.parse_args(argv)
    if args.command == "up":
        return cmd_up(args.detach)
    if args.command == "down":
        return cmd_down()
    if args.command == "status":
        return cmd_status()
    ensure_system_packages()
    print(f"stack: Kafka jars in {ensure_kafka_libs(default_cache_dir())}")
    return 0
