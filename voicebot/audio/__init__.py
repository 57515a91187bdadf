"""WAV I/O, G.711, resampling, telephone simulation, voice activity and end-of-speech."""
