"""Channels turn a phone line, browser, microphone or WAV file into call events and back."""
