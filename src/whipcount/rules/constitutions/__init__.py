"""Built-in constitutions, one module per polity; each exposes ``CONSTITUTIONS``.

They register through the same path as an outside package's ``whipcount.constitutions`` entry point
(:data:`whipcount.rules.registry.BUILTIN_MODULES`).
"""
