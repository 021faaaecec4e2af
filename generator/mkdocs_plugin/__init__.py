"""The MkDocs adapter: the one place that imports MkDocs."""
