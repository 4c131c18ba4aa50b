"""Pages of the organisations app."""
