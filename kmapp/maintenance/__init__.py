"""Operational tasks: backup and restore."""
