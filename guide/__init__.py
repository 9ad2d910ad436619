"""The guide's content engine: load, validate, link and plan pages. Knows nothing of MkDocs."""
