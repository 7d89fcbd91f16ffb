"""io layer of alliances."""
