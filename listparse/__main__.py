"""``python -m listparse`` is the ``listparse`` command."""

from .cli import main

raise SystemExit(main())
