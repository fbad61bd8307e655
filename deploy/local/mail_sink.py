"""`python -m deploy.local.mail_sink PORT DIR`: the local stack's SMTP server (aiosmtpd).

It accepts every message on 127.0.0.1 and stores it, as sent, in DIR as one `.eml` file per
message (`<UTC time>-<n>.eml`): nothing the local stack mails leaves the machine, and the
portal's development mail pages read the folder. It is not part of any image.
"""

from __future__ import annotations

import argparse
import itertools
import signal
import threading
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

LOOPBACK = "127.0.0.1"


class MailFolder:
    """The aiosmtpd handler: each message's bytes into its own file, written then renamed, so a
    reader never sees half a message."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._numbers = itertools.count(1)
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        name = f"{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-{next(self._numbers):05d}.eml"
        partial = self.folder / f".{name}.part"
        partial.write_bytes(envelope.content)
        partial.rename(self.folder / name)
        return "250 Message accepted for delivery"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    controller = Controller(MailFolder(args.folder), hostname=LOOPBACK, port=args.port)
    controller.start()
    print(f"mail sink: listening on {LOOPBACK}:{args.port}, storing in {args.folder}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
