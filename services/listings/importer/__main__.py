"""`python -m services.listings.importer`: the importer's command line (`import_cli`), kept
apart so the API imports neither rich nor a second MongoDB client."""

from services.listings.import_cli import main

raise SystemExit(main())
