"""Shared pytest fixtures: speech."""
