"""Text to speech: Synthesizer interface, SVOX Pico and pyttsx3/espeak-ng backends, prompt cache."""
