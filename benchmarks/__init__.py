"""Benchmark harness for alliances: ``python -m benchmarks`` (never part of the test run)."""
