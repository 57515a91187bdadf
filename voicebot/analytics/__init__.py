"""Call records, analytics figures and the inbox of what the bot did not understand."""
