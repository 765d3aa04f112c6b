"""govsite: build a city government's single portal and refuse to publish what the rules forbid."""

__version__ = "0.1.0"
