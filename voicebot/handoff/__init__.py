"""Human queues (SQLite default, Redis for several nodes) and the handoff context."""
