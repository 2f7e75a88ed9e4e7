"""Compliance exports: per report, collect(ctx) -> Data (the queries), render_*(data) -> bytes."""
