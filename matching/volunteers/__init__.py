"""Volunteers who sign in: their invitation, and the profile they keep themselves."""
