"""Shared test data and helpers too large for tests/factories.py or tests/helpers.py."""
