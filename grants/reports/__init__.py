"""Compliance exports: one pure builder per report (data in, bytes out) and the registry."""
