"""The local STX stack: a real Kafka broker, SecantusDB and the four services.

Used two ways:

* as a library by the test fixtures (`tests/conftest.py`), which start an ephemeral broker and
  store on free ports and restart them mid-test;
* as a CLI: ``python -m deploy.local.stack up [--detach] | down | status`` (``make run``).

Kafka comes from Maven Central (`deploy/local/kafka/pom.xml`), because no registry reachable
from our machines serves the Apache tarball; SecantusDB is a dev dependency on PyPI that speaks
the MongoDB wire protocol. Every child runs in its own process group, so one signal reaches the
whole child tree and a Ctrl-C in the terminal reaches only the launcher, which then stops the
children in order (services first, then Kafka and SecantusDB).
"""

from deploy.local.stack.common import LOOPBACK, REPO_ROOT, StackError, free_port, port_open
from deploy.local.stack.kafka import KafkaProcess, create_topics, wait_for_kafka
from deploy.local.stack.mongo import SecantusProcess, wait_for_mongo
from deploy.local.stack.prerequisites import default_cache_dir, ensure_kafka_libs
from deploy.local.stack.processes import Daemon, tail
from deploy.local.stack.services import ServiceProcess, runnable_module, service_env

__all__ = [
    "LOOPBACK",
    "REPO_ROOT",
    "Daemon",
    "KafkaProcess",
    "SecantusProcess",
    "ServiceProcess",
    "StackError",
    "create_topics",
    "default_cache_dir",
    "ensure_kafka_libs",
    "free_port",
    "port_open",
    "runnable_module",
    "service_env",
    "tail",
    "wait_for_kafka",
    "wait_for_mongo",
]
