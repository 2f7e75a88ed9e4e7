"""Compliance exports: requesting a report file, building it in the background, the export log.

One package, layered one way (contract in pyproject.toml): ``views`` -> ``tasks`` -> ``operations``
| ``forms`` -> ``models``. The report builders themselves (``collect`` + ``render``) are
``grants.reports``, which imports nothing from here; who may run which report is decided in
``grants.permissions``.
"""
