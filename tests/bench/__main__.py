"""Run the benchmarks: every ``tests/bench/bench_*.py`` module's ``main()``, in name order.

``python -m tests.bench`` runs them all (``make bench``); ``python -m tests.bench NAME…`` only
those whose module name contains one of the NAMEs. A benchmark prints its own figures; this
runner adds a header and the wall time, and stops at the first one that raises.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys
import time
from pathlib import Path


def discover(filters: list[str]) -> list[str]:
    """Module names of the benchmarks, sorted, narrowed to those matching any filter."""
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    return [n for n in names if not filters or any(f in n for f in filters)]


def run(name: str) -> None:
    """Import one benchmark and run its ``main()`` (a coroutine function is run to completion)."""
    module = importlib.import_module(f"{__package__}.{name}")
    summary = (module.__doc__ or "").strip().splitlines()
    print(f"\n=== {name}" + (f": {summary[0]}" if summary else ""), flush=True)
    started = time.perf_counter()
    result = module.main()
    if inspect.iscoroutine(result):
        asyncio.run(result)
    print(f"=== {name} done in {time.perf_counter() - started:.1f} s", flush=True)


def main(argv: list[str]) -> int:
    names = discover(argv)
    if not names:
        print(f"no benchmark in tests/bench matches {argv}", file=sys.stderr)
        return 1
    for name in names:
        run(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
