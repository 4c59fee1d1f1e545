"""Renderers: each reads a Report (or catalog data) and returns something to print or write."""
