"""What-if scenarios: typed changes applied to a copy of a run's input, solved through the
same executor and lease as real runs, and stored with their results; never proposals."""
