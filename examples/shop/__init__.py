"""A small shop: a guide-style module, a SQLite pool, request-scoped services and a session."""
