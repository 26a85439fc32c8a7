"""Benchmark suite for injectq: run ``python -m benchmarks`` from the repository root."""
