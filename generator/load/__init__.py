"""Files to a checked Project: finding and reading files, strict YAML, field rules, cross-file rules."""
