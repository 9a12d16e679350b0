"""Every admin URL, as every role: who gets a page (200), compared with the table below.

The URLs are enumerated from Django's resolver at test time (Wagtail's choosers,
bulk actions, reports, history and exports, and every app's own views) and filled
with the ids of real records, one of each model, made by the factories. Each role
(tests/conftest.py `staff`) requests each URL with GET. The table says, per URL
pattern, which roles get 200; every other role must get something else (403, 404,
a redirect). A URL pattern nobody put in the table fails the test: tomorrow's
endpoints are checked without anyone remembering to. No URL answers 5xx to anyone.

The table is written by hand, not computed from the roles code: a change in who
sees what shows here as a failing line to read.

Records: a complaint sent to After-sales, an employee's anonymous suggestion sent
to Sales (both scoped to their department), and one record of every other model.
"""

import os
import re

import pytest

from workflows.complaints.choices import Department
from workflows.core import roles
from workflows.core.transitions import process_models, transition_specs

from .role_url_matrix import admin_urls
from .role_url_table import EXPECTED
from .test_every_command import FACTORIES, factory_for

ROLE_CODES = {
    roles.MARKETING: "MK",
    roles.CUSTOMER_SERVICE: "CS",
    roles.SALES: "SA",
    roles.LEGAL: "LE",
    roles.AFTER_SALES: "AS",
    roles.FINANCE: "FI",
    roles.HR: "HR",
    roles.SUPERVISION: "SU",
    roles.MANAGEMENT: "MG",
    roles.DEPARTMENT_HEADS: "DH",
    "admin": "AD",
}


def expected_codes(value):
    return set(ROLE_CODES.values()) if value == "*" else set(value.split())


@pytest.fixture
def records(staff, home_page, website_channel):
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Site

    from tests.workflows.complaints.factories import ComplaintFactory
    from tests.workflows.fleet.factories import EquipmentCategoryFactory, EquipmentModelFactory
    from tests.workflows.suggestions.factories import SuggestionFactory
    from workflows.core.models import OutboundMessage
    from workflows.suggestions.choices import SuggestionState

    made = {label: factory_for_label(label).create() for label in FACTORIES}
    made["complaints.complaint"] = ComplaintFactory(department=Department.AFTER_SALES)
    suggestion = SuggestionFactory(
        employee=True, anonymous_to_assessors=True, department=roles.SALES
    )
    type(suggestion).objects.filter(pk=suggestion.pk).update(state=SuggestionState.CLASSIFIED)
    made["suggestions.suggestion"] = suggestion
    made["contact.consultationchannel"] = website_channel
    made["fleet.equipmentmodel"] = EquipmentModelFactory()
    made["fleet.equipmentcategory"] = EquipmentCategoryFactory()
    made["page"] = home_page
    made["user"] = staff["admin"]
    made["group"] = Group.objects.get(name=roles.SALES)
    made["site"] = Site.objects.get(is_default_site=True)
    # Site settings are made on first reading; made here, so that reading them while
    # refusing a POST does not count as a change.
    for model in apps.get_models():
        if issubclass(model, BaseGenericSetting):
            model.load()
        elif issubclass(model, BaseSiteSetting):
            model.for_site(made["site"])
    made["message"] = OutboundMessage.objects.create(
        channel="email",
        recipient_address="someone@example.com",
        subject="s",
        body="b",
        dedupe_key="matrix",
    )
    made["transition"] = {
        model._meta.label_lower: next(iter(transition_specs(model))) for model in process_models()
    }
    # A mentor pair's first transition (assign) is for a pairing still waiting for its mentor;
    # the pair made here is active, so its page is checked on the transition it has.
    made["transition"]["people.mentorpair"] = "end"
    return made


def factory_for_label(label):
    from django.apps import apps

    return factory_for(apps.get_model(label))


def only_checked(urls):
    """`RSD_MATRIX_KEYS=<regex>` checks only the rows whose key matches (to check a change
    quickly); the full table is checked without it."""
    pattern = os.environ.get("RSD_MATRIX_KEYS")
    if not pattern:
        return list(urls)
    return [(key, url) for key, url in urls if re.search(pattern, key)]


def observe(client, user, records):
    client.force_login(user)
    client.raise_request_exception = False
    seen = {}
    urls = only_checked(admin_urls(records))
    # Logging out ends the session: that URL goes last.
    for key, url in sorted(urls, key=lambda pair: pair[0] == "logout/"):
        response = client.get(url)
        seen[key] = (response.status_code, response.get("Location", ""))
    return seen


#: Tables whose rows a request may add without acting on anything: the session.
UNCOUNTED_TABLES = {"django_session"}
#: SQLite's full-text index keeps its b-tree segments in shadow tables whose row counts change
#: when an entry is merely rewritten or merged; the index's own table is still counted.
FTS_SHADOW_TABLES = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")


def row_counts():
    """{table: rows} of every table (the project's, History, the outbox): one query."""
    from django.db import connection

    tables = sorted(
        table
        for table in set(connection.introspection.table_names()) - UNCOUNTED_TABLES
        if not table.endswith(FTS_SHADOW_TABLES)
    )
    quote = connection.ops.quote_name
    # Table names from the database's own catalogue, quoted.
    selects = [f"SELECT {i}, COUNT(*) FROM {quote(t)}" for i, t in enumerate(tables)]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        return {tables[i]: count for i, count in cursor.fetchall()}


def refused(response):
    """403, 404, 405, or a redirect to the login page."""
    from django.urls import reverse

    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and response["Location"].startswith(
        reverse("wagtailadmin_login")
    )


def post_where_refused(client, user, code, records, keys):
    """POST (no data) to every URL whose GET did not give this user a page.

    `RSD_MATRIX_TRACE=1` counts the rows around each POST and prints which one changed
    what (slow; to find the culprit when the totals differ)."""
    client.force_login(user)
    answers = {}
    trace = os.environ.get("RSD_MATRIX_TRACE")
    for key, url in only_checked(admin_urls(records)):
        if key in keys and key not in POST_NOT_TRIED and (key, code) not in POST_ONLY_FOR:
            counts = row_counts() if trace else None
            response = client.post(url, {})
            answers[key] = (response.status_code, response.get("Location", ""), refused(response))
            if trace:
                after = row_counts()
                changed = {t: (n, after.get(t)) for t, n in counts.items() if after.get(t) != n}
                if changed:
                    print(f"TRACE POST {key} as {code} changed {changed}")
    client.logout()
    return answers


#: URLs not POSTed to: logging out ends the session the other requests need, and Wagtail's
#: "test the error page" view raises on purpose whatever the method.
POST_NOT_TRIED = {"logout/", "failwhale/"}
#: POST-only URLs (no page on GET) that these roles may use, as the page editors (Marketing
#: and the administrator): ordering, locking and unlocking pages (each logged), and the
#: editor's "who else is editing" ping (which records the editing session).
POST_ONLY_FOR = {
    (key, code)
    for key in (
        "pages/<int:page_to_move_id>/set_position/",
        "pages/<int:page_id>/lock/",
        "pages/<int:page_id>/unlock/",
        "editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
        # Marketing orders the consultation channels (drag and drop in the listing).
        "snippets/contact/consultationchannel/reorder/<int:pk>/",
    )
    for code in ("MK", "AD")
}


@pytest.mark.django_db
def test_every_role_gets_exactly_the_pages_the_table_gives_it(client, staff, records):
    """GET as each role against the table; then, where a role's GET gave no page, a POST as
    that role must be refused (403, 404, 405 or the login page) and change no row of any
    table: one count of every table before all the POSTs and one after."""
    observed = {}
    redirected = {}
    for role, user in staff.items():
        code = ROLE_CODES[role]
        for key, (status, location) in observe(client, user, records).items():
            observed.setdefault(key, {})[code] = status
            if status in (301, 302):
                redirected[key, code] = (status, location)
        client.logout()
    before = row_counts()
    posted = {}
    for role, user in staff.items():
        code = ROLE_CODES[role]
        keys = {key for key, by in observed.items() if by.get(code) != 200}
        for key, answer in post_where_refused(client, user, code, records, keys).items():
            posted.setdefault(key, {})[code] = answer
    after = row_counts()
    changed = {t: (before.get(t), after.get(t)) for t in set(before) | set(after)}
    changed = {t: counts for t, counts in changed.items() if counts[0] != counts[1]}
    not_refused = [
        f"POST {key} as {c}: {status} {location}".rstrip()
        for key, by in sorted(posted.items())
        for c, (status, location, ok) in by.items()
        if not ok
        and status not in (POST_ANSWERS.get((key, c)), POST_ANSWERS.get((key, "*")))
        and not answered_without_acting(key, status, location)
        # A redirect that answers GET and POST alike (the settings menu to the one
        # setting, a page's old revisions URL to its history, a suggestion's old reward
        # URL to its transition) acts on nothing.
        and not (status in (301, 302) and redirected.get((key, c)) == (status, location))
    ]
    if os.environ.get("RSD_PRINT_MATRIX"):
        for key, by_role in observed.items():
            ok = " ".join(c for c in ROLE_CODES.values() if by_role.get(c) == 200)
            bad = {c: s for c, s in by_role.items() if s >= 500}
            print(f"MATRIX {key!r}: {ok!r},{'  # 5xx ' + str(bad) if bad else ''}")
    errors = [
        f"{key}: {c} got {s}"
        for key, by in observed.items()
        for c, s in by.items()
        if s >= 500 and key not in DELIBERATE_ERRORS
    ]
    unknown = sorted(set(observed) - set(EXPECTED))
    wrong = [
        f"{key}: expected 200 for {sorted(expected_codes(EXPECTED[key]))}, got 200 for "
        f"{sorted(c for c, s in by.items() if s == 200)}"
        for key, by in observed.items()
        if key in EXPECTED
        and {c for c, s in by.items() if s == 200} != expected_codes(EXPECTED[key])
    ]
    if os.environ.get("RSD_PRINT_MATRIX"):
        for line in not_refused:
            print("POSTED", line)
    assert not errors, "server errors:\n" + "\n".join(errors)
    assert not unknown, "URL patterns missing from the table:\n" + "\n".join(unknown)
    assert not wrong, "\n".join(wrong)
    assert not changed, f"POSTs that were refused changed rows (before, after): {changed}"
    assert not not_refused, "POSTs not refused:\n" + "\n".join(not_refused)


#: (URL key, role code or "*"): status of a POST that is neither 403/404/405 nor the login
#: page, and why that is still no action (the row counts must not change for these either).
POST_ANSWERS = {
    # A process record past its draft is kept: the delete (one or in bulk) sends the
    # administrator back to the listing with a message (core before_delete_snippet).
    ("bulk/quality/problemreport/delete/", "AD"): 302,
    ("bulk/quality/rectificationorder/delete/", "AD"): 302,
    ("snippets/quality/problemreport/delete/<int:pk>/", "AD"): 302,
    ("snippets/quality/rectificationorder/delete/<int:pk>/", "AD"): 302,
    ("bulk/people/developmentplan/delete/", "AD"): 302,
    ("bulk/people/mentorpair/delete/", "AD"): 302,
    ("snippets/people/developmentplan/delete/<int:pk>/", "AD"): 302,
    ("snippets/people/mentorpair/delete/<int:pk>/", "AD"): 302,
    # The transition form shown again with its errors (empty form, or not available now).
    ("snippets/quality/assessment/transition/<str:pk>/<slug:name>/", "AD"): 200,
    ("snippets/quality/inspection/transition/<str:pk>/<slug:name>/", "SU"): 200,
    ("snippets/quality/inspection/transition/<str:pk>/<slug:name>/", "AD"): 200,
    # Ending one's own editing session: nobody here has one open (Wagtail deletes only the
    # requesting user's session, and answers 200 either way).
    ("editing-sessions/release/<int:session_id>/", "*"): 200,
    # The login form shown again with its errors (no username, no password).
    ("login/", "*"): 200,
    # Wagtail's redirect import confirmation without its signed fields: refused as a
    # tampered form (core.redirect_import; Wagtail's own view gave a server error).
    ("redirects/import/process/", "AD"): 400,
    # Without a device there is nothing to verify: sent to set one up.
    ("two-factor/verify/", "*"): 302,
    # The administrator removing a workflow the page does not have: back to the page.
    ("workflows/remove/<int:page_pk>/", "AD"): 302,
    ("workflows/remove/<int:page_pk>/<int:workflow_pk>/", "AD"): 302,
}


def answered_without_acting(key, status, location):
    """The answers of a role that may use a page but sent nothing to act on (the row counts
    are compared as well): a kept process record's delete sends back to the listing, a
    finished or decided record's edit to its own page, and an empty transition form is shown
    again with its errors."""
    if status == 302 and "delete" in key and location.rstrip("/").split("/")[-1] in key:
        return True
    if status == 302 and "/edit/" in key and "/inspect/" in location:
        return True
    return status == 200 and "/transition/" in key


#: Wagtail's own "test the error page" view raises on purpose.
DELIBERATE_ERRORS = {"failwhale/"}
