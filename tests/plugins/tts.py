"""Shared pytest fixtures: tts."""
