"""Creating and importing user accounts (no web routes: CLI and admin services)."""
