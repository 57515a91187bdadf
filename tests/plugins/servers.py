"""Shared pytest fixtures: servers."""
