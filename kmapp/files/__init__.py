"""Stored upload files: kept under the instance folder with random names, never in static/."""
