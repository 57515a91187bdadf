"""Speech recognition: one Recognizer interface, whisper and vosk backends, model registry."""
