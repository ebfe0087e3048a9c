"""``python -m etl ...``: see :mod:`etl.cli`."""

from etl.cli import main

raise SystemExit(main())
