"""Output measures (filled below)."""
