"""Speed budgets (DESIGN.md): suggestion pages run as many queries for 50 as for 1."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from workflows.core import roles
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_suggestions_suggestion"
STATES = [S.CLASSIFIED, S.RECEIVED, S.EVALUATED, S.IMPLEMENTING, S.IMPLEMENTED, S.DECLINED]


@pytest.fixture
def populate(make, staff):
    """Add `count` suggestions in several states, half from employees (some anonymous, each
    with their own account), all overdue where open."""
    created = []

    def add(count):
        for _ in range(count):
            i = len(created)
            state = STATES[i % len(STATES)]
            if i % 2:
                proposer = UserFactory(roles=[roles.SALES])
                suggestion = make(
                    state, employee=True, proposer=proposer, anonymous_to_assessors=i % 4 == 1
                )
            else:
                suggestion = make(state)
            if state not in Suggestion.FINAL_STATES:
                Suggestion.objects.filter(pk=suggestion.pk).update(
                    due_at=timezone.now() - timedelta(hours=1 + i)
                )
            created.append(suggestion)
        return created

    return add


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


PAGES = {
    "listing": lambda first: reverse(f"{VIEWS}:list"),
    "listing, overdue only": lambda first: reverse(f"{VIEWS}:list") + "?overdue=true",
    "listing, rewards due": lambda first: reverse(f"{VIEWS}:list") + "?reward_state=due",
    "inspect page": lambda first: reverse(f"{VIEWS}:inspect", args=[first.pk]),
    "history page": lambda first: reverse(f"{VIEWS}:history", args=[first.pk]),
    "admin home": lambda first: reverse("wagtailadmin_home"),
    "overdue report": lambda first: reverse("core_overdue_report"),
}


#: The inspect and History pages of a suggestion received from a customer are Customer
#: Service's (and an administrator's); the listings, home and report are everyone's.
#: Each role's pages are measured with 1 record and again with 50.
PAGES_OF = {
    who: [page for page in PAGES if who in (roles.CUSTOMER_SERVICE, "admin") or "page" not in page]
    for who in [roles.CUSTOMER_SERVICE, roles.AFTER_SALES, roles.HR, "admin"]
}


@pytest.mark.parametrize("who", PAGES_OF)
def test_the_number_of_queries_does_not_grow_with_the_records(client, staff, make, populate, who):
    if who == roles.HR:
        # HR sees the suggestions whose reward is due or given.
        first = make(S.IMPLEMENTED, employee=True, proposer=UserFactory())
    else:
        first = populate(1)[0]
    client.force_login(staff[who])
    urls = {page: PAGES[page](first) for page in PAGES_OF[who]}
    for url in urls.values():
        client.get(url)  # caches of the first request (content types, settings) aside

    small = {page: count_queries(client, url) for page, url in urls.items()}
    populate(49)
    large = {page: count_queries(client, url) for page, url in urls.items()}

    for page in urls:
        (with_one, small_page), (with_fifty, large_page) = small[page], large[page]
        assert with_fifty == with_one, f"{page} for {who}: {with_one} queries → {with_fifty}"
        if page.startswith("listing") and "rewards" not in page and who != roles.HR:
            # The page did show the added records, so the equal count means something.
            assert large_page.text.count("S2611-") >= small_page.text.count("S2611-") + 5
