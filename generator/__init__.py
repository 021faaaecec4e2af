"""Copycat Valley's generator: YAML entries -> checked model -> the site's artefacts.

Data flows one way: `load` (files, strict YAML, rules) -> `model` (entries, relations, figures)
-> `site` (pages, feeds, downloads) -> one adapter, `mkdocs_plugin` or `cli`. Only the MkDocs
adapter imports MkDocs. Import submodules directly: this package imports nothing eagerly.
"""

__version__ = "0.1.0"
