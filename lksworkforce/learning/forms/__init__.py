"""Learning forms: each part's in its own module."""
