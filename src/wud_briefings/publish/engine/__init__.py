"""The build engine: regions in parallel on warm workers, child processes, the lock, progress."""
