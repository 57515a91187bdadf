"""The call: turn taking, reprompts, identification, answers and handoff."""
