"""Background work: one job queue in the database and one worker that drains it.

Areas register what the worker runs: `@handler(kind)` for a job kind (text extraction;
later OCR and notifications), `@sweep(name)` for a task the worker runs on every round
(the search outbox drain). See `worker` for the three ways the worker runs.
"""
from collections.abc import Callable

HANDLERS: dict[str, Callable] = {}
SWEEPS: dict[str, Callable] = {}
# Per kind, the settings naming its attempts and first retry delay (else JOBS_MAX_ATTEMPTS and
# JOBS_RETRY_SECONDS): a mail waits out a mail server that is down for hours, a file does not.
RETRY_SETTINGS: dict[str, tuple[str, str]] = {}


def handler(kind: str, retry_settings: tuple[str, str] | None = None):
    """Register `function(payload: dict, job)` as the code that runs jobs of `kind`."""
    def register(function):
        HANDLERS[kind] = function
        if retry_settings:
            RETRY_SETTINGS[kind] = retry_settings
        return function
    return register


def sweep(name: str):
    """Register `function()` to run on each round of the worker, before jobs are claimed."""
    def register(function):
        SWEEPS[name] = function
        return function
    return register
