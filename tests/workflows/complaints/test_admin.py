"""Complaints in the admin: each transition by POST, for each role, with its History entry."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from workflows.complaints import services
from workflows.complaints.access import visible_complaints
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department
from workflows.complaints.models import Complaint
from workflows.core import roles
from workflows.core.exceptions import TransitionNotAvailable
from workflows.core.models import OutboundMessage

from .factories import ComplaintFactory
from .helpers import fresh, history

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_complaints_complaint"
ALL_ROLES = list(roles.ROLE_PERMISSIONS)
ALL_STATES = list(S)


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def transition_url(complaint, name):
    return url("transition", complaint.pk, name)


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def buttons(html):
    soup = BeautifulSoup(html, "html.parser")
    return {tag["data-transition"] for tag in soup.select("[data-transition]")}


def listing_row(html, complaint):
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(f'[data-bulk-action-checkbox][data-object-id="{complaint.pk}"]')
    return None if box is None else box.find_parent("tr")


def in_the_future(days=2):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


class Case:
    """One transition as staff perform it in the admin."""

    def __init__(self, name, role, source, target, sources):
        self.name, self.role, self.source, self.target = name, role, source, target
        self.forbidden_sources = [s for s in ALL_STATES if s not in sources]

    def __repr__(self):
        return self.name

    def data(self, complaint, staff):
        investigator = staff[roles.AFTER_SALES].pk
        fields = {"from_state": complaint.state, "note": "已處理 <b>備註</b>"}
        fields.update(
            {
                "assign": {
                    "department": Department.AFTER_SALES,
                    "investigator": investigator,
                    "contract": "",
                    "customer": "",
                },
                "agree_plan": {
                    "measures": "更換油管",
                    "plan_owner": investigator,
                    "plan_deadline": in_the_future(),
                    "compensation": "none",
                },
                "resolve": {"resolution": "已更換油管"},
                "communicate_result": {"result_message": "已更換油管", "communicated_via": "sms"},
                "close": {"root_cause": "equipment_quality", "corrective_action": "出車前檢查"},
                "explain_and_close": {
                    "explanation": "依合約不減租",
                    "root_cause": "unfounded",
                    "corrective_action": "加強說明",
                },
                "reopen": {"department": Department.AFTER_SALES, "investigator": investigator},
            }.get(self.name, {})
        )
        return fields


CASES = [
    Case("assign", roles.CUSTOMER_SERVICE, S.RECEIVED, S.INVESTIGATING, [S.RECEIVED]),
    Case("agree_plan", roles.AFTER_SALES, S.INVESTIGATING, S.PLAN_AGREED, [S.INVESTIGATING]),
    Case("resolve", roles.AFTER_SALES, S.PLAN_AGREED, S.RESOLVED, [S.PLAN_AGREED]),
    Case(
        "communicate_result",
        roles.CUSTOMER_SERVICE,
        S.RESOLVED,
        S.RESULT_COMMUNICATED,
        [S.RESOLVED],
    ),
    Case("close", roles.CUSTOMER_SERVICE, S.RESULT_COMMUNICATED, S.CLOSED, [S.RESULT_COMMUNICATED]),
    Case(
        "explain_and_close",
        roles.CUSTOMER_SERVICE,
        S.RECEIVED,
        S.CLOSED,
        [S.RECEIVED, S.INVESTIGATING],
    ),
    Case("reopen", roles.CUSTOMER_SERVICE, S.CLOSED, S.INVESTIGATING, [S.CLOSED]),
    Case("mark_urgent", roles.CUSTOMER_SERVICE, S.RECEIVED, S.RECEIVED, list(S)[:-1]),
]
# A department sees a complaint only once it is assigned to it: a received one is not its own.
FORBIDDEN_SOURCES = [
    (case, source)
    for case in CASES
    for source in case.forbidden_sources
    if not (case.role == roles.AFTER_SALES and source == S.RECEIVED)
]


@pytest.mark.parametrize("case", CASES, ids=repr)
class TestEachTransitionInTheAdmin:
    def test_the_permitted_role_moves_it_and_is_told_so(self, client, staff, make, case):
        complaint = make(case.source)
        before = history(complaint)
        client.force_login(staff[case.role])

        assert client.get(transition_url(complaint, case.name)).status_code == 200
        response = client.post(transition_url(complaint, case.name), case.data(complaint, staff))

        assert response.status_code == 302, response.context and response.context["form"].errors
        assert response["Location"] == url("inspect", complaint.pk)
        assert fresh(complaint).state == case.target
        assert f"complaints.{case.name}" in history(complaint)[len(before) :]
        assert any("done" in message for message in flashed(response))

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make, case):
        complaint = make(case.source)
        before = history(complaint)

        for role in ALL_ROLES:
            if role == case.role:
                continue
            client.force_login(staff[role])
            get = client.get(transition_url(complaint, case.name))
            post = client.post(transition_url(complaint, case.name), case.data(complaint, staff))

            assert get.status_code == 403, role
            assert post.status_code == 403, role
            assert fresh(complaint).state == case.source, role
            assert history(complaint) == before, role

    def test_the_administrator_may_too(self, client, staff, make, case):
        complaint = make(case.source)
        client.force_login(staff["admin"])

        response = client.post(transition_url(complaint, case.name), case.data(complaint, staff))

        assert response.status_code == 302
        assert fresh(complaint).state == case.target


@pytest.mark.parametrize(("case", "source"), FORBIDDEN_SOURCES, ids=str)
class TestTransitionsFromAForbiddenState:
    def test_posting_shows_an_error_and_changes_nothing(self, client, staff, make, case, source):
        complaint = make(source)
        before = history(complaint)
        client.force_login(staff[case.role])

        response = client.post(transition_url(complaint, case.name), case.data(complaint, staff))

        assert response.status_code == 200
        assert "is not possible" in response.text
        assert fresh(complaint).state == source
        assert history(complaint) == before


@pytest.mark.parametrize(
    ("case", "source"),
    [(case, source) for case in CASES for source in case.forbidden_sources],
    ids=str,
)
def test_the_service_refuses_every_forbidden_state(staff, make, case, source):
    complaint = make(source)
    service = {
        "assign": services.assign_complaint,
        "agree_plan": services.agree_plan,
        "resolve": services.resolve_complaint,
        "communicate_result": services.communicate_result,
        "close": services.close_complaint,
        "explain_and_close": services.explain_and_close,
        "reopen": services.reopen_complaint,
        "mark_urgent": services.mark_urgent,
    }[case.name]
    from workflows.complaints.viewsets import ComplaintViewSet

    form_class = ComplaintViewSet.transition_forms[case.name]
    form = form_class(data=case.data(complaint, staff), record=complaint, user=staff["admin"])
    kwargs = form.service_kwargs() if form.is_valid() else None
    assert kwargs is not None, form.errors

    with pytest.raises(TransitionNotAvailable):
        service(complaint, user=staff["admin"], **kwargs)
    assert fresh(complaint).state == source


class TestTransitionButtons:
    @pytest.mark.parametrize(
        ("role", "state", "expected"),
        [
            (roles.CUSTOMER_SERVICE, S.RECEIVED, {"assign", "explain_and_close", "mark_urgent"}),
            (roles.CUSTOMER_SERVICE, S.INVESTIGATING, {"explain_and_close", "mark_urgent"}),
            (roles.CUSTOMER_SERVICE, S.PLAN_AGREED, {"mark_urgent"}),
            (roles.CUSTOMER_SERVICE, S.RESOLVED, {"communicate_result", "mark_urgent"}),
            (roles.CUSTOMER_SERVICE, S.RESULT_COMMUNICATED, {"close", "mark_urgent"}),
            (roles.CUSTOMER_SERVICE, S.CLOSED, {"reopen"}),
            (
                roles.AFTER_SALES,
                S.INVESTIGATING,
                {"agree_plan", "explain_and_close", "mark_urgent"},
            ),
            (roles.AFTER_SALES, S.PLAN_AGREED, {"resolve", "mark_urgent"}),
            (roles.AFTER_SALES, S.RESOLVED, {"mark_urgent"}),
            (roles.SUPERVISION, S.RECEIVED, set()),
            (roles.MANAGEMENT, S.INVESTIGATING, set()),
        ],
    )
    def test_listing_row_and_inspect_header(self, client, staff, make, role, state, expected):
        complaint = make(state)
        client.force_login(staff[role])

        listing = client.get(url("list"))
        inspect = client.get(url("inspect", complaint.pk))

        row = listing_row(listing.text, complaint)
        assert row is not None
        assert {tag["data-transition"] for tag in row.select("[data-transition]")} == expected
        assert inspect.status_code == 200
        assert buttons(inspect.text) == expected


class TestWhoSeesWhichComplaint:
    def test_a_department_sees_only_the_complaints_assigned_to_it(self, client, staff, make):
        theirs = make(S.INVESTIGATING)
        received = make(S.RECEIVED)
        client.force_login(staff[roles.AFTER_SALES])

        listing = client.get(url("list"))

        assert listing_row(listing.text, theirs) is not None
        assert listing_row(listing.text, received) is None
        assert client.get(url("inspect", theirs.pk)).status_code == 200
        assert client.get(url("inspect", received.pk)).status_code == 404

    @pytest.mark.parametrize("role", [roles.SALES, roles.FINANCE, roles.LEGAL, roles.HR])
    def test_another_department_does_not_see_it(self, client, staff, make, role):
        complaint = make(S.INVESTIGATING)
        client.force_login(staff[role])

        assert listing_row(client.get(url("list")).text, complaint) is None
        assert client.get(url("inspect", complaint.pk)).status_code == 404

    def test_the_overdue_report_shows_a_department_only_its_own(self, client, staff, make):
        theirs, received = make(S.INVESTIGATING), make(S.RECEIVED)
        Complaint.objects.update(due_at=timezone.now() - timedelta(hours=1))

        client.force_login(staff[roles.AFTER_SALES])
        own = client.get(reverse("core_overdue_report")).text
        client.force_login(staff[roles.SUPERVISION])
        everything = client.get(reverse("core_overdue_report")).text

        assert theirs.reference in own and received.reference not in own
        assert theirs.reference in everything and received.reference in everything

    @pytest.mark.parametrize("role", [roles.CUSTOMER_SERVICE, roles.SUPERVISION, roles.MANAGEMENT])
    def test_customer_service_supervision_and_management_see_every_complaint(
        self, client, staff, make, role
    ):
        received, assigned = make(S.RECEIVED), make(S.INVESTIGATING)
        client.force_login(staff[role])

        listing = client.get(url("list"))

        assert listing_row(listing.text, received) is not None
        assert listing_row(listing.text, assigned) is not None
        assert client.get(url("inspect", received.pk)).status_code == 200


class TestTheWorkQueue:
    def queue(self, client, user):
        client.force_login(user)
        soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).text, "html.parser")
        panel = soup.select_one("#work-queue-section") or soup
        return panel.get_text(" ")

    def test_customer_service_waits_on_received_resolved_and_communicated(self, client, cs, make):
        shown = [make(S.RECEIVED), make(S.RESOLVED), make(S.RESULT_COMMUNICATED)]
        hidden = [make(S.INVESTIGATING), make(S.PLAN_AGREED), make(S.CLOSED)]

        text = self.queue(client, cs)

        assert all(c.reference in text for c in shown)
        assert not any(c.reference in text for c in hidden)

    def test_the_department_waits_on_what_it_investigates_and_carries_out(
        self, client, investigator, staff, make
    ):
        shown = [make(S.INVESTIGATING), make(S.PLAN_AGREED)]
        hidden = [make(S.RECEIVED), make(S.RESOLVED)]

        text = self.queue(client, investigator)

        assert all(c.reference in text for c in shown)
        assert not any(c.reference in text for c in hidden)
        assert make(S.INVESTIGATING).reference not in self.queue(client, staff[roles.SALES])


class TestHistory:
    def test_the_inspect_page_shows_each_step_with_its_note(self, client, staff, make):
        complaint = make(S.RECEIVED)
        client.force_login(staff[roles.CUSTOMER_SERVICE])
        data = CASES[0].data(complaint, staff)
        client.post(transition_url(complaint, "assign"), {**data, "note": "轉售後部調查"})

        response = client.get(url("inspect", complaint.pk))

        section = BeautifulSoup(response.text, "html.parser").select_one(
            'section[aria-labelledby="record-history-heading"]'
        )
        text = " ".join(section.get_text(" ").split())
        assert "Assign: Received → Investigating" in text
        assert "轉售後部調查" in text
        assert "Update published to the submitter" in text


class TestRecordingAComplaintInTheAdmin:
    def form(self, **overrides):
        data = {
            "channel": "hotline",
            "received_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "complainant_name": "陳大文",
            "company": "信義工程",
            "phone": "0922-000-111",
            "email": "",
            "customer": "",
            "language": "zh-hant",
            "category": "maintenance",
            "description": "說好每月保養，兩個月沒人來。",
            "matter_reference": "",
            "contract": "",
            "unit": "",
        }
        data.update(overrides)
        return data

    def test_customer_service_records_it_with_evidence(self, client, cs):
        from .factories import image_file, pdf_file

        client.force_login(cs)

        response = client.post(url("add"), {**self.form(), "evidence": [image_file(), pdf_file()]})

        assert response.status_code == 302
        complaint = Complaint.objects.get()
        assert complaint.reference.startswith("K")
        assert complaint.recorded_by == cs
        assert complaint.attachments.count() == 2
        assert history(complaint) == ["wagtail.create"]

    def test_an_urgent_complaint_alerts_supervision_at_once(self, client, cs, staff):
        client.force_login(cs)

        client.post(url("add"), self.form(urgent="on"))

        complaint = Complaint.objects.get()
        assert complaint.urgent
        client.force_login(staff[roles.SUPERVISION])
        home = client.get(reverse("wagtailadmin_home")).text
        assert complaint.reference in home

    def test_a_file_that_is_not_a_photo_or_pdf_is_refused_and_nothing_is_stored(self, client, cs):
        from .factories import html_as_jpg

        client.force_login(cs)

        response = client.post(url("add"), {**self.form(), "evidence": [html_as_jpg()]})

        assert response.status_code == 200
        assert "is not an accepted file" in str(response.context["form"].errors["evidence"])
        assert not Complaint.objects.exists()

    def test_without_phone_and_email_it_is_refused(self, client, cs):
        client.force_login(cs)

        response = client.post(url("add"), self.form(phone="", email=""))

        assert response.status_code == 200
        assert "phone" in response.context["form"].errors
        assert not Complaint.objects.exists()

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_other_roles_cannot_record_one(self, client, staff, role):
        client.force_login(staff[role])

        response = client.post(url("add"), self.form())

        assert response.status_code == 403
        assert not Complaint.objects.exists()

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_other_roles_cannot_call_the_command_either(self, staff, role):
        complaint = ComplaintFactory.build(reference="")

        with pytest.raises(PermissionDenied):
            services.record_complaint(complaint, user=staff[role])

        assert not Complaint.objects.exists()
        assert not OutboundMessage.objects.exists()


class TestEditingAComplaint:
    def test_urgency_cannot_be_switched_on_by_editing(self, client, cs, make):
        complaint = make(S.INVESTIGATING)
        client.force_login(cs)
        form = TestRecordingAComplaintInTheAdmin().form(
            complaint_name=complaint.complainant_name, urgent="on"
        )

        response = client.post(url("edit", complaint.pk), form)

        assert response.status_code == 302
        assert not fresh(complaint).urgent

    def test_evidence_can_be_added_while_open(self, client, cs, make):
        from .factories import image_file

        complaint = make(S.INVESTIGATING)
        client.force_login(cs)

        response = client.post(
            url("edit", complaint.pk),
            {**TestRecordingAComplaintInTheAdmin().form(), "evidence": [image_file()]},
        )

        assert response.status_code == 302
        assert complaint.attachments.count() == 1
        assert history(complaint)[-1] == "complaints.add_evidence"

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_other_roles_cannot_add_evidence(self, client, staff, make, role):
        from .factories import image_file

        complaint = make(S.INVESTIGATING)
        client.force_login(staff[role])

        response = client.post(
            url("edit", complaint.pk),
            {**TestRecordingAComplaintInTheAdmin().form(), "evidence": [image_file()]},
        )

        # Who may see the complaint is refused; for everyone else it does not exist.
        sees_it = visible_complaints(staff[role], Complaint.objects.all()).exists()
        assert response.status_code == (403 if sees_it else 404)
        assert complaint.attachments.count() == 0
        assert "complaints.add_evidence" not in history(complaint)

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_the_evidence_command_refuses_other_roles(self, staff, make, role):
        from .factories import image_file

        complaint = make(S.INVESTIGATING)

        with pytest.raises(PermissionDenied):
            services.add_evidence(complaint, user=staff[role], evidence=[image_file()])

        assert complaint.attachments.count() == 0
        assert "complaints.add_evidence" not in history(complaint)

    def test_a_closed_complaint_cannot_be_edited(self, client, cs, make):
        complaint = make(S.CLOSED)
        client.force_login(cs)

        response = client.get(url("edit", complaint.pk))

        assert response.status_code == 302
        assert response["Location"] == url("inspect", complaint.pk)


class TestTheDeadlineSettings:
    URL = reverse("wagtailsettings:edit", args=["complaints", "complaintsettings"])

    def form_data(self, client):
        """The settings form as shown (the generic URL redirects to the one settings row)."""
        response = client.get(self.URL, follow=True)
        assert response.status_code == 200
        form = response.context["form"]
        url = response.redirect_chain[-1][0] if response.redirect_chain else self.URL
        return url, {name: value for name, value in form.initial.items() if name in form.fields}

    @pytest.mark.parametrize("role", [roles.SUPERVISION, roles.MANAGEMENT])
    def test_supervision_and_management_set_them(self, client, staff, role):
        from workflows.complaints.models import ComplaintSettings

        client.force_login(staff[role])
        url, data = self.form_data(client)

        response = client.post(url, {**data, "received_urgent_hours": 1})

        assert response.status_code == 302
        assert ComplaintSettings.load().received_urgent_hours == 1

    def test_zero_hours_is_refused_at_the_field(self, client, staff):
        client.force_login(staff[roles.SUPERVISION])
        url, data = self.form_data(client)

        response = client.post(url, {**data, "resolved_hours": 0})

        assert response.status_code == 200
        assert "resolved_hours" in response.context["form"].errors

    @pytest.mark.parametrize("role", [roles.CUSTOMER_SERVICE, roles.AFTER_SALES, roles.MARKETING])
    def test_other_roles_may_not(self, client, staff, role):
        client.force_login(staff[role])

        response = client.get(self.URL)
        if response.status_code == 302 and "/settings/" in response["Location"]:
            response = client.get(response["Location"])  # the one settings row

        # Wagtail's own settings view refuses with the project's one 403 page.
        assert response.status_code == 403
