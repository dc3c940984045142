"""Personal data (filled below)."""
