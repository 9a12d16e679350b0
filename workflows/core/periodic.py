"""The periodic jobs registry: one command, run by cron, any number of times.

A process registers a job with `@periodic_job("name")`; each job must be
idempotent (a second run in the same minute changes nothing) and set-based.
Jobs live in each app's `jobs.py`, imported when the command runs.

Several hosts may run the command at the same moment (one cron per app
server): on PostgreSQL each job runs under an advisory lock named after it,
so a job already running elsewhere is skipped here instead of running twice.
"""

import logging
import zlib
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.db import connection

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


#: What a job reports when another run holds its lock.
RUNNING_ELSEWHERE = "skipped: running in another process"


def lock_key(name):
    """A stable 64-bit advisory lock key for a job (the same on every host)."""
    return zlib.crc32(f"rsd.periodic:{name}".encode()) - 2**31


@contextmanager
def exclusive(name):
    """Hold the job's lock for the block; yield False when another process holds it.

    Session-level advisory locks are released by PostgreSQL if the process
    dies, so a crashed run never blocks the next one. Other databases run on
    one machine (SQLite) and yield True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def run_all(now=None, only=None):
    """Run every job (or those named in `only`); return {name: what it reported}."""
    results = {}
    for name, job in discover().items():
        if only and name not in only:
            continue
        with exclusive(name) as mine:
            results[name] = job(now=now) if mine else RUNNING_ELSEWHERE
        logger.debug("periodic job %s: %s", name, results[name])
    return results
