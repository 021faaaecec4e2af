"""A Project to the site's artefacts: pages, feeds, data downloads, charts, through one URL scheme."""
