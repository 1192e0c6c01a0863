"""Matching runs: requesting one, the one-run-at-a-time lease, executing and the schedule."""
