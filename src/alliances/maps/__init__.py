"""maps layer of alliances."""
