"""Buddy matching: the hard rules, score parts, candidate pairs, the problem built from the
database, storing a run's answer, diagnostics and explanations, and partner suggestions."""
