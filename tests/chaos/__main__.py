"""``python -m tests.chaos`` (``make chaos``): the full fault-injection scenario.

Starts a Kafka broker and SecantusDB of its own (free loopback ports, a temporary directory),
the four services as processes, an SMTP sink; then, one batch of pairs per fault, in flight:
kill -9 of each service (restarted at once), Kafka stopped for 20 s, SecantusDB stopped for
20 s. Prints the table (fault, pairs in flight, records, recovery, lost, duplicated) and exits
1 when any effect is lost or duplicated.

    python -m tests.chaos [--pairs-per-fault 3] [--faults kill:listings,kafka,…] [--down 20]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from deploy.local.stack import create_topics
from shared.topics import SERVICES, TOPICS
from tests.chaos.workload import scenario, table
from tests.conftest import InfraStack, _own_kafka, _own_mongo

DEFAULT_FAULTS = [f"kill:{name}" for name in SERVICES] + ["kafka", "mongo"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.chaos", description=__doc__)
    parser.add_argument("--pairs-per-fault", type=int, default=3)
    parser.add_argument("--spacing", type=float, default=1.0, help="seconds between pair starts")
    parser.add_argument("--faults", default=",".join(DEFAULT_FAULTS))
    parser.add_argument("--down", type=float, default=20.0, help="Kafka / SecantusDB outage, s")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="stx-chaos-"))
    started = time.monotonic()
    kafka, mongo = _own_kafka(root), _own_mongo(root)
    try:
        kafka.start(wait=False)
        mongo.start()
        kafka.wait_ready()
        infra = InfraStack(kafka.bootstrap_servers, mongo.url, kafka, mongo)
        create_topics(infra.bootstrap_servers, TOPICS)
        verdict = asyncio.run(
            scenario(infra, root / "logs", args.faults.split(","), batch=args.pairs_per_fault,
                     spacing=args.spacing, kafka_down=args.down, mongo_down=args.down)
        )  # fmt: skip
    finally:
        for daemon in (kafka, mongo):
            if daemon.running:
                daemon.stop()
    print(table(verdict))
    print(f"chaos: {time.monotonic() - started:.0f}s; data and logs in {root}")
    ok = verdict.lost == 0 and verdict.duplicated == 0
    print("chaos: PASS (no lost, no duplicated effect)" if ok else "chaos: FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
