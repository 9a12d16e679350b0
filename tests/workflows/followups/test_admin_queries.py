"""Speed budgets (DESIGN.md): follow-up pages run as many queries for 50 as for 1."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from workflows.core import roles
from workflows.followups.choices import FollowUpState as S
from workflows.followups.models import FollowUp

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_followups_followup"
STATES = [S.DUE, S.DONE, S.SKIPPED]


@pytest.fixture
def populate(make, cs):
    """Add `count` follow-ups, each of its own contract and customer, the due ones overdue."""
    created = []

    def add(count):
        for _ in range(count):
            i = len(created)
            follow_up = make(STATES[i % len(STATES)], assigned_to=cs)
            if follow_up.state == S.DUE:
                FollowUp.objects.filter(pk=follow_up.pk).update(
                    due_at=timezone.now() - timedelta(hours=1 + i)
                )
            created.append(follow_up)
        return created

    return add


PAGES = {
    "listing": lambda first: reverse(f"{VIEWS}:list"),
    "listing, overdue only": lambda first: reverse(f"{VIEWS}:list") + "?overdue=true",
    "inspect page": lambda first: reverse(f"{VIEWS}:inspect", args=[first.pk]),
    "admin home": lambda first: reverse("wagtailadmin_home"),
    "overdue report": lambda first: reverse("core_overdue_report"),
}


@pytest.mark.parametrize("who", [roles.CUSTOMER_SERVICE, "admin"])
def test_the_number_of_queries_does_not_grow_with_the_records(client, staff, populate, who):
    """Every page, measured with 1 follow-up and again with 50."""
    first = populate(1)[0]
    client.force_login(staff[who])
    urls = {page: make_url(first) for page, make_url in PAGES.items()}
    for url in urls.values():
        client.get(url)  # caches of the first request (content types, settings) aside

    def measure():
        answers = {}
        for page, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            answers[page] = (len(queries), response)
        return answers

    small = measure()
    populate(49)
    large = measure()

    for page in urls:
        (one, small_page), (fifty, large_page) = small[page], large[page]
        assert fifty == one, f"{page} for {who}: {one} queries → {fifty}"
        if page != "inspect page":
            assert large_page.text.count("F2611-T") >= small_page.text.count("F2611-T") + 9
