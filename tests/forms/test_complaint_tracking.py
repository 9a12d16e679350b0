"""The private tracking link of a complaint, and the rating behind it (P9.3, P9.5).

The link shows the stage and the updates staff published, nothing else; any
other token, a shortened one or the bare reference number finds nothing and
looks exactly like any other address that does not exist.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.workflows.complaints.factories import ComplaintFactory
from workflows.complaints import services
from workflows.complaints.choices import Compensation, ContactMethod, Department, RootCause
from workflows.complaints.choices import ComplaintState as S
from workflows.core import roles

from .complaint_fixtures import fresh_storage_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

INTERNAL_NOTE = "內部備註：司機遲到是因為排班錯誤"
MEASURES = "調整排班系統，司機扣考績"


@pytest.fixture
def people(staff):
    return staff[roles.CUSTOMER_SERVICE], staff[roles.AFTER_SALES]


@pytest.fixture
def complaint(home_page):
    return ComplaintFactory(language="en")


def track(complaint_or_token, client=None):
    token = getattr(complaint_or_token, "tracking_token", complaint_or_token)
    return (client or Client()).get(f"/en/track/{token}/")


def stage(html, response):
    return html(response).select_one("[data-stage]").get_text(strip=True)


def updates(html, response):
    return [li.p.get_text(strip=True) for li in html(response).select("[data-update]")]


def move_to(complaint, state, people):
    """Move the complaint on, step by step, until it is in `state`."""
    cs, investigator = people
    steps = {
        S.RECEIVED: lambda c: services.assign_complaint(
            c,
            user=cs,
            department=Department.AFTER_SALES,
            investigator=investigator,
            note=INTERNAL_NOTE,
        ),
        S.INVESTIGATING: lambda c: services.agree_plan(
            c,
            user=investigator,
            measures=MEASURES,
            plan_owner=investigator,
            plan_deadline=timezone.now() + timedelta(days=2),
            compensation=Compensation.NONE,
            note=INTERNAL_NOTE,
            public_update="We will replace the hose within two days.",
        ),
        S.PLAN_AGREED: lambda c: services.resolve_complaint(
            c, user=investigator, resolution="換好了，內部"
        ),
        S.RESOLVED: lambda c: services.communicate_result(
            c,
            user=cs,
            result_message="The hose was replaced and three days of rent refunded.",
            communicated_via=ContactMethod.EMAIL,
        ),
        S.RESULT_COMMUNICATED: lambda c: services.close_complaint(
            c, user=cs, root_cause=RootCause.LOGISTICS, corrective_action=MEASURES
        ),
    }
    while complaint.state != state:
        complaint = steps[complaint.state](complaint)
    return complaint


class TestTheRightLink:
    @pytest.mark.parametrize(
        ("state", "shown"),
        [
            (S.RECEIVED, "Received"),
            (S.INVESTIGATING, "Being investigated"),
            (S.PLAN_AGREED, "Solution being carried out"),
            (S.RESOLVED, "Solution being carried out"),
            (S.RESULT_COMMUNICATED, "Result sent to you"),
            (S.CLOSED, "Closed"),
        ],
    )
    def test_shows_the_stage(self, html, complaint, people, state, shown):
        complaint = move_to(complaint, state, people)

        response = track(complaint)

        assert response.status_code == 200
        assert stage(html, response) == shown

    def test_shows_the_published_updates_in_order(self, html, complaint, people):
        complaint = move_to(complaint, S.CLOSED, people)

        texts = updates(html, track(complaint))

        assert texts[0].startswith("Your complaint has been passed to our After-sales department")
        assert texts[1:] == [
            "We will replace the hose within two days.",
            "The hose was replaced and three days of rent refunded.",
            "Your complaint is closed. Thank you for telling us; please let us know how we "
            "handled it.",
        ]

    def test_shows_no_staff_names_notes_or_internal_details(self, complaint, people):
        cs, investigator = people
        complaint = move_to(complaint, S.CLOSED, people)

        text = track(complaint).text

        for secret in [
            INTERNAL_NOTE,
            MEASURES,
            "換好了，內部",
            cs.username,
            cs.get_full_name(),
            investigator.username,
            investigator.get_full_name(),
            complaint.description,
            complaint.phone,
            complaint.email,
        ]:
            assert secret not in text, secret

    def test_is_private_never_cached_nor_indexed(self, complaint):
        response = track(complaint)

        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert response["Referrer-Policy"] == "no-referrer"


class TestAnyOtherAddress:
    def test_a_wrong_a_truncated_token_and_the_reference_look_the_same(self, complaint):
        token = complaint.tracking_token
        wrong = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
        tried = [
            (wrong, ""),
            (token[:-1], ""),
            (token[:20], ""),
            (complaint.reference, ""),
            ("K0000-000000", ""),
            (complaint.reference, "rate/"),
            (token[:-1], "rate/"),
            (wrong, "rate/"),
        ]
        answers = [(Client().get(f"/en/track/{t}/{rest}"), t, rest) for t, rest in tried]

        assert {response.status_code for response, _t, _rest in answers} == {404}
        # The page names the address it was asked for (language links); apart from that,
        # every answer is the same page.
        pages = {
            response.content.decode().replace(f"/track/{t}/{rest}", "/track/…/")
            for response, t, rest in answers
        }
        assert len(pages) == 1
        assert complaint.reference not in pages.pop()

    def test_the_reference_is_not_searchable_on_the_site(self, complaint):
        response = Client().get("/en/track/", {"reference": complaint.reference})

        assert response.status_code == 404


class TestRating:
    def test_the_link_appears_only_once_the_complaint_is_closed(self, html, complaint, people):
        open_complaint = move_to(complaint, S.RESULT_COMMUNICATED, people)
        assert html(track(open_complaint)).select_one(".tracking__rating") is None

        closed = move_to(open_complaint, S.CLOSED, people)

        link = html(track(closed)).select_one(".tracking__rating a")["href"]
        assert link == reverse("rate", args=[closed.tracking_token])

    def test_the_complainant_rates_once_with_a_comment(self, html, complaint, people):
        complaint = move_to(complaint, S.CLOSED, people)
        browser = Client()
        url = f"/en/track/{complaint.tracking_token}/rate/"

        form = browser.get(url)
        response = browser.post(url, {"satisfaction": "4", "comment": "Quick, thank you."})
        again = browser.post(url, {"satisfaction": "1", "comment": "changed my mind"})

        assert form.status_code == 200
        assert html(form).select("input[name=satisfaction][type=radio]")
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert (complaint.satisfaction, complaint.rating_comment) == (4, "Quick, thank you.")
        assert again.status_code == 200
        assert html(again).select_one("[data-rated]") is not None
        assert html(track(complaint)).select_one(".tracking__rating") is None

    def test_before_closing_there_is_nothing_to_rate(self, html, complaint, people):
        complaint = move_to(complaint, S.RESULT_COMMUNICATED, people)
        url = f"/en/track/{complaint.tracking_token}/rate/"

        response = Client().post(url, {"satisfaction": "5"})

        assert response.status_code == 200
        assert html(response).select_one("[data-not-yet]") is not None
        complaint.refresh_from_db()
        assert complaint.satisfaction is None

    @pytest.mark.parametrize("score", ["", "0", "6", "five"])
    def test_a_score_outside_1_to_5_is_refused_with_a_message(self, html, complaint, people, score):
        complaint = move_to(complaint, S.CLOSED, people)

        response = Client().post(
            f"/en/track/{complaint.tracking_token}/rate/", {"satisfaction": score}
        )

        assert response.status_code == 400
        assert html(response).select_one(".field__error") is not None
        complaint.refresh_from_db()
        assert complaint.satisfaction is None

    def test_the_form_needs_the_csrf_token(self, complaint, people):
        complaint = move_to(complaint, S.CLOSED, people)

        response = Client(enforce_csrf_checks=True).post(
            f"/en/track/{complaint.tracking_token}/rate/", {"satisfaction": "5"}
        )

        assert response.status_code == 403
        complaint.refresh_from_db()
        assert complaint.satisfaction is None
