"""Benchmark (`python -m bench.run`): instance generators and side-by-side comparisons."""
