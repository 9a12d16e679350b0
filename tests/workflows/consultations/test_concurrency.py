"""Two colleagues act on the same consultation at the same moment (P1.3, P2.1).

Only PostgreSQL shows this for real: each thread has its own connection and
transaction, and the service's `select_for_update()` makes the second one wait
for the first to commit, then see that the consultation has moved. Exactly one
of them wins; the other gets the friendly `RecordChanged`, and the customer
gets one reply, recorded once in History.
"""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from tests.factories import ConsultationFactory, UserFactory
from tests.site.factories import ConsultationChannelFactory
from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core import services as core_services
from workflows.core.exceptions import RecordChanged
from workflows.core.models import OutboundMessage

pytestmark = pytest.mark.postgres

TIMEOUT = 30


def run_together(*calls):
    """Run each call in its own thread; all enter the transition before any takes the row lock.

    The barrier sits inside `perform_transition`, after its transaction has
    begun and just before `select_for_update()`, so neither thread can finish
    before the other has started. Returns each call's result or exception.
    """
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    real_lock = core_services.lock
    outcomes = [None] * len(calls)

    def lock_together(model, pk):
        barrier.wait()
        return real_lock(model, pk)

    def worker(index, call):
        try:
            outcomes[index] = call()
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()  # this thread's own connection; test teardown needs it gone

    with mock.patch.object(core_services, "lock", lock_together):
        threads = [
            threading.Thread(target=worker, args=(i, call), daemon=True)
            for i, call in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread hung (deadlock?)"
    return outcomes


def transition_entries(consultation):
    return ModelLogEntry.objects.filter(
        content_type__app_label="consultations",
        object_id=str(consultation.pk),
        action__in=["consultations.answer", "consultations.hand_to_sales"],
    )


def messages_about(consultation, template):
    return OutboundMessage.objects.filter(object_id=str(consultation.pk), template=template)


@pytest.fixture
def consultation(postgres):
    return ConsultationFactory(channel=ConsultationChannelFactory(email=True))


@pytest.fixture
def second_cs(staff):
    return UserFactory(username="customer_service_2", roles=[roles.CUSTOMER_SERVICE])


class TestTwoColleaguesAtOnce:
    def test_two_answers_give_one_reply_and_one_history_entry(self, consultation, cs, second_cs):
        outcomes = run_together(
            lambda: services.answer_consultation(
                consultation, user=cs, reply="月租 9 萬元", expected_state=S.RECEIVED
            ),
            lambda: services.answer_consultation(
                consultation, user=second_cs, reply="月租 8 萬元", expected_state=S.RECEIVED
            ),
        )

        winners = [o for o in outcomes if isinstance(o, Consultation)]
        losers = [o for o in outcomes if isinstance(o, RecordChanged)]
        assert (len(winners), len(losers)) == (1, 1), outcomes
        assert losers[0].seen_state == S.RECEIVED
        assert losers[0].current_state == S.ANSWERED

        consultation.refresh_from_db()
        assert consultation.state == S.ANSWERED
        assert consultation.reply == winners[0].reply
        entries = transition_entries(consultation)
        assert [e.action for e in entries] == ["consultations.answer"]
        assert entries[0].data["note"] == winners[0].reply
        assert messages_about(consultation, "consultations/reply").count() == 1

    def test_answer_against_hand_to_sales_one_wins(self, consultation, cs, second_cs, sales):
        outcomes = run_together(
            lambda: services.answer_consultation(
                consultation, user=cs, reply="月租 9 萬元", expected_state=S.RECEIVED
            ),
            lambda: services.hand_to_sales(
                consultation,
                user=second_cs,
                salesperson=sales,
                sales_need="20 噸挖土機 3 個月",
                expected_state=S.RECEIVED,
            ),
        )

        winners = [o for o in outcomes if isinstance(o, Consultation)]
        losers = [o for o in outcomes if isinstance(o, RecordChanged)]
        assert (len(winners), len(losers)) == (1, 1), outcomes

        consultation.refresh_from_db()
        assert consultation.state == winners[0].state
        assert losers[0].current_state == consultation.state
        entries = list(transition_entries(consultation))
        assert len(entries) == 1
        replies = messages_about(consultation, "consultations/reply").count()
        handovers = messages_about(consultation, "consultations/handed_to_sales").count()
        if consultation.state == S.ANSWERED:
            assert entries[0].action == "consultations.answer"
            assert consultation.salesperson_id is None
            assert (replies, handovers) == (1, 0)
        else:
            assert consultation.state == S.HANDED_TO_SALES
            assert entries[0].action == "consultations.hand_to_sales"
            assert consultation.reply == ""
            assert replies == 0
            assert handovers >= 1


class TestTwoColleaguesConfirmInTheAdmin:
    def test_one_success_message_and_one_someone_else_moved(self, consultation, cs, second_cs):
        clients = []
        for user in (cs, second_cs):
            # English admin, so the messages read as the view writes them.
            UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
            client = Client()
            client.force_login(user)
            clients.append(client)
        url = reverse(
            "wagtailsnippets_consultations_consultation:transition",
            args=[consultation.pk, "answer"],
        )

        def post(client, reply):
            def call():
                response = client.post(url, {"from_state": S.RECEIVED, "reply": reply, "note": ""})
                assert response.status_code == 302, response.status_code
                return [(m.level_tag, str(m)) for m in response.wsgi_request._messages]

            return call

        outcomes = run_together(post(clients[0], "月租 9 萬元"), post(clients[1], "月租 8 萬元"))

        assert all(isinstance(o, list) for o in outcomes), outcomes
        shown = [message for messages in outcomes for message in messages]
        assert len(shown) == 2, shown
        levels = sorted(level for level, _ in shown)
        assert levels == ["success", "warning"], shown
        warning = next(text for level, text in shown if level == "warning")
        assert warning.startswith("Someone else moved"), warning
        assert consultation.reference in warning

        consultation.refresh_from_db()
        assert consultation.state == S.ANSWERED
        assert transition_entries(consultation).count() == 1
        assert messages_about(consultation, "consultations/reply").count() == 1
