"""How every command answers: a rich table for people, JSON for scripts, progress on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from pydantic import BaseModel
from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from shared.clock import PROVINCE_ZONE

"""People see times in the province's zone; JSON carries UTC."""

M = TypeVar("M", bound=BaseModel)


def stdout() -> Console:
    return Console(soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True)


def emit(report: M, render: Callable[[M], RenderableType], as_json: bool) -> None:
    """Print `report` as JSON (`--json`) or as the renderable `render` makes of it."""
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
        sys.stdout.flush()
    else:
        stdout().print(render(report))


def to_json(report: BaseModel) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(PROVINCE_ZONE).isoformat(sep=" ", timespec="seconds")


def duration(span: timedelta | None) -> str:
    """`3d 4h`, `5m 12s`, `7d`, `0s`: the largest unit and the next one when it is not zero."""
    if span is None:
        return "—"
    seconds = max(0, int(span.total_seconds()))
    amounts = []
    for name, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        amounts.append((amount, name))
    first = next((i for i, (amount, _) in enumerate(amounts) if amount), len(amounts) - 1)
    return " ".join(f"{a}{n}" for a, n in amounts[first : first + 2] if a) or "0s"


def retention(ms: int | None) -> str:
    if ms is None:
        return "—"
    if ms < 0:
        return "forever"
    return duration(timedelta(milliseconds=ms))


def now() -> datetime:
    return datetime.now(UTC)


class Steps:
    """A rich progress bar on stderr (silent when stderr is not a terminal or with `--json`)."""

    def __init__(self, progress: Progress):
        self._progress = progress

    def task(self, description: str, total: float | None) -> TaskID:
        return self._progress.add_task(description, total=total)

    def advance(self, task: TaskID, amount: float = 1) -> None:
        self._progress.advance(task, amount)


@contextmanager
def progress(quiet: bool = False) -> Iterator[Steps]:
    console = stderr()
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )
    with bar:
        yield Steps(bar)
