"""Shared pytest fixtures: nlu."""
