"""analysis layer of alliances."""
