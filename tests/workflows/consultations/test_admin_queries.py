"""Speed budgets (DESIGN.md): admin pages run as many queries for 50 records as for 1."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsultationFactory
from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S
from workflows.core.choices import MessageChannel
from workflows.core.notifications import queue_message

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_consultations_consultation"
STATES = [S.RECEIVED, S.REPLY_PROMISED, S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED]


@pytest.fixture
def populate(staff, cs, sales):
    """Add `count` consultations in every state, overdue ones among them, each on its own
    channel with a handler, and an unread message per consultation for CS and the admin."""
    created = []

    def add(count):
        for _ in range(count):
            i = len(created)
            state = STATES[i % len(STATES)]
            consultation = ConsultationFactory(
                handler=cs, due_at=timezone.now() - timedelta(hours=1 + i)
            )
            if state == S.REPLY_PROMISED:
                consultation = services.promise_reply(
                    consultation, user=cs, reply_due_at=timezone.now() + timedelta(hours=2)
                )
            elif state in (S.ANSWERED, S.CLOSED):
                consultation = services.answer_consultation(consultation, user=cs, reply="好")
                if state == S.CLOSED:
                    consultation = services.close_consultation(consultation, user=cs)
            elif state == S.HANDED_TO_SALES:
                consultation = services.hand_to_sales(
                    consultation, user=cs, salesperson=sales, sales_need="吊車"
                )
            for user in (cs, staff["admin"]):
                queue_message(
                    channel=MessageChannel.IN_APP,
                    template="consultations/acknowledgement",
                    context={"consultation": consultation},
                    record=consultation,
                    user=user,
                    dedupe_key=f"test:{consultation.pk}:{user.pk}",
                )
            created.append(consultation)
        return created

    return add


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


PAGES = {
    "consultation listing": lambda first: reverse(f"{VIEWS}:list"),
    "consultation listing, overdue only": lambda first: reverse(f"{VIEWS}:list") + "?overdue=true",
    "consultation inspect page": lambda first: reverse(f"{VIEWS}:inspect", args=[first.pk]),
    "admin home": lambda first: reverse("wagtailadmin_home"),
    "overdue report": lambda first: reverse("core_overdue_report"),
}


@pytest.mark.parametrize("who", ["Customer Service", "admin"])
def test_the_number_of_queries_does_not_grow_with_the_records(client, staff, populate, who):
    """Every page, measured with 1 consultation and again with 50."""
    first = populate(1)[0]
    client.force_login(staff[who])
    urls = {page: make_url(first) for page, make_url in PAGES.items()}
    for url in urls.values():
        client.get(url)  # caches of the first request (content types, settings) aside

    small = {page: count_queries(client, url) for page, url in urls.items()}
    populate(49)
    large = {page: count_queries(client, url) for page, url in urls.items()}

    for page in urls:
        (with_one, small_page), (with_fifty, large_page) = small[page], large[page]
        assert with_fifty == with_one, f"{page} for {who}: {with_one} queries → {with_fifty}"
        if page != "consultation inspect page":
            # The page did show the added records, so the equal count means something.
            prefix = first.reference[:5]
            assert large_page.text.count(prefix) >= small_page.text.count(prefix) + 9
