"""Copycat Valley's generator: YAML entries -> validated model -> Markdown pages.

The core (loader, validate, render) knows nothing of MkDocs; `plugin` and `cli` are the thin
adapters. Import submodules directly: this package imports nothing eagerly.
"""

__version__ = "0.1.0"
