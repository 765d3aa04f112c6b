"""Rendering: Markdown → HTML plus the facts rules judge; Jinja2 pages."""
