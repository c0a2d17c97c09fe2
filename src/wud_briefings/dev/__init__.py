"""Development tools: synthetic exports and the benchmarks."""
