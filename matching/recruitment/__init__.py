"""Whom to recruit: candidate volunteer profiles from the waiting families, the exact gain of
one more volunteer of each (solver/assignment/gain.py), the greedy recruitment plan, and the
same question for one more student of the placement."""
