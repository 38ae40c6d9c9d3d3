"""Open Badges 3.0 credentials: building, signing and verifying them offline (the certificates part).
Pure: no Django."""
