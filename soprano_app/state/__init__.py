"""Thin Reflex states: they resolve the session, call the services and hold what the screen shows."""
