"""voicebot: offline voice bot and IVR for call centres."""
