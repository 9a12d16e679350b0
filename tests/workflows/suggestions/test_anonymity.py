"""An employee may stay anonymous to the assessors (P9.7): their name appears nowhere the
assessors look (listing, inspect page, History, export, messages), only to administrators
and to themselves, and to HR once a reward is due."""

import csv
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.models import OutboundMessage
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

from .conftest import DEPARTMENT

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_suggestions_suggestion"
NAME = "Secretia Hiddenworth"
ANONYMOUS = "Anonymous employee"
VIEWS_OF_CS = ("history", "inspect", "edit")
ASSESSORS = [DEPARTMENT, roles.CUSTOMER_SERVICE, roles.MANAGEMENT, roles.SUPERVISION]


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


@pytest.fixture
def proposer(db):
    return UserFactory(
        username="whistleblower",
        first_name="Secretia",
        last_name="Hiddenworth",
        roles=[roles.SALES],
    )


@pytest.fixture
def anonymous(make, proposer):
    """An anonymous employee's suggestion, sent to the department and evaluated."""
    return make(S.EVALUATED, employee=True, proposer=proposer, anonymous_to_assessors=True)


@pytest.fixture
def signed_in(staff):
    def sign_in(who):
        browser = Client()
        browser.force_login(who if not isinstance(who, str) else staff[who])
        return browser

    return sign_in


def export(browser, spreadsheet_format):
    response = browser.get(url("list"), {"export": spreadsheet_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("role", ASSESSORS)
class TestTheAssessorsSeeAnAnonymousEmployee:
    def test_in_the_listing(self, signed_in, anonymous, role):
        page = signed_in(role).get(url("list")).text

        assert anonymous.reference in page
        assert ANONYMOUS in page
        assert NAME not in page
        assert "whistleblower" not in page

    def test_on_the_inspect_page_and_in_its_history(self, signed_in, anonymous, role):
        page = signed_in(role).get(url("inspect", anonymous.pk)).text

        assert ANONYMOUS in page
        assert NAME not in page
        assert "whistleblower" not in page

    def test_in_the_excel_and_csv_exports(self, signed_in, anonymous, role):
        browser = signed_in(role)

        sheet = openpyxl.load_workbook(io.BytesIO(export(browser, "xlsx"))).active
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == anonymous.reference)
        assert ANONYMOUS in row
        assert not any(NAME in str(cell) for cell in row if cell)
        rows = list(csv.reader(io.StringIO(export(browser, "csv").decode("utf-8-sig"))))
        row = next(r for r in rows if r and r[0] == anonymous.reference)
        assert ANONYMOUS in row
        assert NAME not in ",".join(row)


class TestTheHistory:
    def test_filing_anonymously_records_no_user(self, signed_in, proposer):
        browser = signed_in(proposer)
        browser.post(url("add"), {"subject": "匿名建議", "description": "內容", "category": ""})
        # the proposer asked to stay anonymous only when they tick the box
        browser.post(
            url("add"),
            {"subject": "匿名建議 2", "description": "內容", "anonymous_to_assessors": "on"},
        )
        from workflows.suggestions.models import Suggestion

        named, hidden = Suggestion.objects.order_by("pk")
        assert not named.anonymous_to_assessors and hidden.anonymous_to_assessors
        page = signed_in(roles.CUSTOMER_SERVICE).get(url("history", hidden.pk)).text
        assert NAME not in page and "whistleblower" not in page
        page = signed_in(roles.CUSTOMER_SERVICE).get(url("history", named.pk)).text
        assert NAME in page

    def test_what_the_proposer_did_on_it_shows_them_as_anonymous(self, make, signed_in):
        # A Customer Service member files anonymously, then corrects their own text.
        colleague = UserFactory(
            username="cs_whistle",
            first_name="Secretia",
            last_name="Hiddenworth",
            roles=[roles.CUSTOMER_SERVICE],
        )
        suggestion = make(employee=True, proposer=colleague, anonymous_to_assessors=True)
        signed_in(colleague).post(
            url("edit", suggestion.pk),
            {"subject": "改過的主旨", "description": "內容", "category": "", "language": "en"},
        )

        views = {roles.MANAGEMENT: ("history", "inspect"), roles.CUSTOMER_SERVICE: VIEWS_OF_CS}
        for role, shown in views.items():
            for view in shown:
                page = signed_in(role).get(url(view, suggestion.pk)).text
                assert NAME not in page, (role, view)
                assert "cs_whistle" not in page, (role, view)
                assert ANONYMOUS in page, (role, view)


class TestWhoDoesSeeTheName:
    def test_an_administrator(self, signed_in, anonymous):
        assert NAME in signed_in("admin").get(url("inspect", anonymous.pk)).text
        assert NAME in signed_in("admin").get(url("list")).text

    def test_the_proposer_on_their_own_suggestion(self, signed_in, anonymous, proposer):
        browser = signed_in(proposer)
        listing = browser.get(url("list")).text

        assert anonymous.reference in listing
        assert browser.get(url("inspect", anonymous.pk)).status_code == 200

    def test_hr_once_the_reward_is_due_and_not_before(self, make, signed_in, proposer):
        suggestion = make(
            S.IMPLEMENTING, employee=True, proposer=proposer, anonymous_to_assessors=True
        )
        hr = signed_in(roles.HR)
        assert hr.get(url("inspect", suggestion.pk)).status_code == 404

        services.complete_implementation(suggestion, user=suggestion.owner, progress="已完成")

        page = hr.get(url("inspect", suggestion.pk)).text
        assert NAME in page

    def test_a_suggestion_not_anonymous_shows_the_name_to_the_assessors(
        self, make, signed_in, proposer
    ):
        suggestion = make(S.EVALUATED, employee=True, proposer=proposer)

        assert NAME in signed_in(DEPARTMENT).get(url("inspect", suggestion.pk)).text


class TestTheMessagesToTheAssessors:
    def test_the_department_is_told_of_an_anonymous_employee(self, anonymous):
        for message in OutboundMessage.objects.filter(template__startswith="suggestions/"):
            if message.recipient_user_id == anonymous.proposer_id:
                continue
            assert NAME not in message.body
            assert NAME not in message.subject
        evaluation = OutboundMessage.objects.get(template="suggestions/for_evaluation")
        assert ANONYMOUS in evaluation.body
