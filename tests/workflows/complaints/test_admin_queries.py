"""Speed budgets (DESIGN.md): complaint pages run as many queries for 30 records as for a few.

The first set holds one complaint in every state, so that every kind of row
(and every permission check a row can need) is already on the page.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from workflows.complaints import services
from workflows.complaints.choices import Compensation
from workflows.complaints.choices import ComplaintState as S
from workflows.core import roles
from workflows.core.tracking import publish_update

from .factories import image_file, make_contract

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_complaints_complaint"
STATES = list(S)


@pytest.fixture
def populate(make, investigator, cs):
    """`count` complaints in every state, linked to contracts and customers, with evidence,
    public updates, rent credits and service tasks; some overdue and urgent."""
    created = []

    def add(count):
        for _ in range(count):
            i = len(created)
            state = STATES[i % len(STATES)]
            contract = make_contract()
            complaint = make(
                S.INVESTIGATING if state != S.RECEIVED else S.RECEIVED,
                contract=contract,
                customer=contract.customer,
                urgent=i % 3 == 0,
            )
            services.add_evidence(complaint, user=cs, evidence=[image_file()])
            publish_update(complaint, f"更新 {i}")
            if state not in (S.RECEIVED, S.INVESTIGATING):
                compensation = [Compensation.RENT_CREDIT, Compensation.EXTRA_SERVICE][i % 2]
                complaint = services.agree_plan(
                    complaint,
                    user=investigator,
                    measures="更換",
                    plan_owner=investigator,
                    plan_deadline=timezone.now() + timedelta(days=2),
                    compensation=compensation,
                    credit_amount="1000",
                    service_description="加做保養",
                    service_due_date=timezone.localdate() + timedelta(days=3),
                )
            type(complaint).objects.filter(pk=complaint.pk).update(
                due_at=timezone.now() - timedelta(hours=1 + i)
            )
            created.append(complaint)
        return created

    return add


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


PAGES = {
    "complaint listing": (roles.CUSTOMER_SERVICE, lambda first: reverse(f"{VIEWS}:list")),
    "complaint listing, overdue only": (
        roles.CUSTOMER_SERVICE,
        lambda first: reverse(f"{VIEWS}:list") + "?overdue=true",
    ),
    "complaint listing of a department": (
        roles.AFTER_SALES,
        lambda first: reverse(f"{VIEWS}:list"),
    ),
    "complaint listing for the administrator": ("admin", lambda first: reverse(f"{VIEWS}:list")),
    "complaint inspect page": (
        roles.CUSTOMER_SERVICE,
        lambda first: reverse(f"{VIEWS}:inspect", args=[first.pk]),
    ),
    "admin home of Customer Service": (
        roles.CUSTOMER_SERVICE,
        lambda f: reverse("wagtailadmin_home"),
    ),
    "admin home of After-sales": (roles.AFTER_SALES, lambda f: reverse("wagtailadmin_home")),
    "admin home of Finance": (roles.FINANCE, lambda f: reverse("wagtailadmin_home")),
    "overdue report": (roles.SUPERVISION, lambda f: reverse("core_overdue_report")),
    "rent credits": (
        roles.FINANCE,
        lambda f: reverse("wagtailsnippets_complaints_rentcredit:list"),
    ),
    "service tasks": (
        roles.AFTER_SALES,
        lambda f: reverse("wagtailsnippets_complaints_servicetask:list"),
    ),
}


#: {role: its pages}: each role's pages are measured with a few records and again with more.
PAGES_OF = {}
for _page, (_who, _url) in PAGES.items():
    PAGES_OF.setdefault(_who, []).append(_page)


@pytest.mark.parametrize("who", list(PAGES_OF))
def test_the_number_of_queries_does_not_grow_with_the_records(client, staff, populate, who):
    first = populate(len(STATES))[0]
    client.force_login(staff[who])
    urls = {page: PAGES[page][1](first) for page in PAGES_OF[who]}
    for url in urls.values():
        client.get(url)  # caches of the first request (content types, settings) aside

    small = {page: count_queries(client, url) for page, url in urls.items()}
    populate(24)
    large = {page: count_queries(client, url) for page, url in urls.items()}

    for page in urls:
        (with_few, small_page), (with_many, large_page) = small[page], large[page]
        assert with_many == with_few, f"{page}: {with_few} queries → {with_many}"
        if "inspect" not in page:
            # The page did show the added records, so the equal count means something.
            assert large_page.text.count("K2611-") > small_page.text.count("K2611-")
