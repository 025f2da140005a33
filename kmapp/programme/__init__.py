"""The programme office's view: quarterly targets, utilisation, reports."""
