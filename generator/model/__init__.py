"""The data and what is derived from it: entries, dates, relations, figures, problems. No I/O."""
