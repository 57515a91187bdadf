"""FastAPI app: call endpoints, agent API and pages, metrics."""
