"""The periodic jobs registry: one command, run by cron, any number of times.

A process registers a job with `@periodic_job("name")`; each job must be
idempotent (a second run in the same minute changes nothing) and set-based.
Jobs live in each app's `jobs.py`, imported when the command runs.
"""

import logging
from importlib import import_module

from django.apps import apps

logger = logging.getLogger("rsd.periodic")

_jobs = {}


def periodic_job(name):
    def register(func):
        _jobs[name] = func
        return func

    return register


def discover():
    for config in apps.get_app_configs():
        if config.name.startswith("workflows."):
            try:
                import_module(f"{config.name}.jobs")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.jobs":
                    raise
    return dict(_jobs)


def run_all(now=None, only=None):
    """Run every job (or those named in `only`); return {name: what it reported}."""
    results = {}
    for name, job in discover().items():
        if only and name not in only:
            continue
        results[name] = job(now=now)
        logger.debug("periodic job %s: %s", name, results[name])
    return results
