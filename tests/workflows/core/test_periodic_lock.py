"""Two cron hosts running the periodic command at once: each job runs in one of them only."""

import threading

import pytest
from django.db import connection, connections

from workflows.core import periodic
from workflows.core.periodic import RUNNING_ELSEWHERE, exclusive, lock_key, run_all


@pytest.fixture
def counting_job():
    """A registered job that counts its runs (and is unregistered afterwards)."""
    runs = []

    def job(now=None):
        runs.append(now)
        return len(runs)

    periodic._jobs["test-counting"] = job
    yield runs
    periodic._jobs.pop("test-counting", None)


def test_lock_keys_are_stable_and_fit_a_bigint():
    assert lock_key("escalate") == lock_key("escalate")
    assert lock_key("escalate") != lock_key("followups")
    assert -(2**63) <= lock_key("escalate") < 2**63


@pytest.mark.django_db
def test_without_another_run_the_job_runs(counting_job):
    result = run_all(only=["test-counting"])

    assert result == {"test-counting": 1}
    assert len(counting_job) == 1


def test_a_job_held_by_another_process_is_skipped_here(postgres, counting_job):
    """Another connection (another host) holds the job's lock: this run skips it."""
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def other_host():
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key("test-counting")])
                held.set()
                release.wait(30)
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key("test-counting")])
        finally:
            other.close()
            done.set()

    thread = threading.Thread(target=other_host)
    thread.start()
    try:
        assert held.wait(30)
        assert run_all(only=["test-counting"]) == {"test-counting": RUNNING_ELSEWHERE}
        assert counting_job == []
    finally:
        release.set()
        thread.join(30)
    assert done.is_set()

    assert run_all(only=["test-counting"]) == {"test-counting": 1}


def test_the_lock_is_released_when_the_job_fails(postgres):
    with pytest.raises(RuntimeError), exclusive("test-failing") as mine:
        assert mine
        raise RuntimeError("boom")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        )
        assert cursor.fetchone()[0] == 0
