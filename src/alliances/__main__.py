"""``python -m alliances`` runs the command-line interface."""

from alliances.cli import main

raise SystemExit(main())
