"""`python -m deploy.local.stack …`: see `cli.py`."""

import sys

from deploy.local.stack.cli import main

sys.exit(main())
