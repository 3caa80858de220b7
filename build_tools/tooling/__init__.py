"""Maintainers' tools: deploy files, benchmarks, page weight, nginx and Chromium for tests."""
