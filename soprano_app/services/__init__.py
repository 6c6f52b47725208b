"""Use cases on the database. Importing any service registers the hash-chain hook (``chain.py``)."""

from . import chain  # noqa: F401  (session hooks: every chained record gets its link)
