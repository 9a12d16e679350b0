"""Two people act on the same complaint at the same moment (PostgreSQL only).

Each thread has its own connection and transaction: the services' row lock,
conditional update and unique submission token leave exactly one outcome.
"""

import threading
import uuid

import pytest
from django.db import connection

from tests.factories import UserFactory
from workflows.complaints import services
from workflows.complaints.choices import ComplaintCategory, Department
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.exceptions import RatingNotAccepted
from workflows.complaints.models import Complaint
from workflows.core import roles
from workflows.core.exceptions import RecordChanged

from .factories import ComplaintFactory
from .helpers import fresh, history

pytestmark = pytest.mark.postgres

TIMEOUT = 30


def run_together(*calls):
    """Start every call at the same moment, each in its own thread; return results or errors."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(i, c), daemon=True) for i, c in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return outcomes


class TestAtTheSameMoment:
    def test_two_colleagues_assigning_one_wins_the_other_is_told(self, postgres, cs, investigator):
        complaint = ComplaintFactory()
        colleague = UserFactory(username="customer_service_2", roles=[roles.CUSTOMER_SERVICE])

        outcomes = run_together(
            *[
                lambda user=user: services.assign_complaint(
                    complaint,
                    user=user,
                    department=Department.AFTER_SALES,
                    investigator=investigator,
                    expected_state=S.RECEIVED,
                )
                for user in (cs, colleague)
            ]
        )

        assert sorted(type(o).__name__ for o in outcomes) == ["Complaint", "RecordChanged"]
        assert fresh(complaint).state == S.INVESTIGATING
        assert history(complaint).count("complaints.assign") == 1
        loser = next(o for o in outcomes if isinstance(o, RecordChanged))
        assert loser.current_state == S.INVESTIGATING

    def test_two_ratings_sent_at_once_store_one(self, postgres, make):
        complaint = make(S.CLOSED)

        outcomes = run_together(
            lambda: services.rate_complaint(complaint, satisfaction=5),
            lambda: services.rate_complaint(complaint, satisfaction=1),
        )

        assert sorted(type(o).__name__ for o in outcomes) == ["Complaint", "RatingNotAccepted"]
        winner = next(o for o in outcomes if isinstance(o, Complaint))
        assert fresh(complaint).satisfaction == winner.satisfaction
        assert history(complaint).count("complaints.rate") == 1
        assert isinstance(
            next(o for o in outcomes if not isinstance(o, Complaint)), RatingNotAccepted
        )

    def test_the_same_form_sent_twice_at_once_stores_one_complaint(self, postgres):
        token = uuid.uuid4()

        def send():
            return services.receive_complaint(
                complainant_name="王小明",
                email="ming@example.com",
                category=ComplaintCategory.DELIVERY,
                description="遲到三小時",
                submission_token=token,
                language="zh-hant",
            )

        outcomes = run_together(send, send)

        assert all(isinstance(o, Complaint) for o in outcomes), outcomes
        assert outcomes[0].pk == outcomes[1].pk
        assert Complaint.objects.count() == 1
