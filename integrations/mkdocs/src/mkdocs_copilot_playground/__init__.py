"""MkDocs plugin: ``copilot-playground`` fences become live Copilot manifest playgrounds."""

__version__ = "0.1.0"
