"""The staff member complained about (P7.2): named when assigning or reopening, a member of the
department, written into the History, shown to staff by full name, never to the complainant."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department
from workflows.complaints.exceptions import ComplaintInvalid
from workflows.core import roles

from .factories import ComplaintFactory
from .helpers import fresh, history

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_complaints_complaint"


@pytest.fixture
def rude(db):
    """An After-sales member the complaint is about."""
    return UserFactory(
        username="rude.tech",
        first_name="Brusque",
        last_name="Technician",
        roles=[roles.AFTER_SALES],
    )


def assign(complaint, cs, investigator, **kwargs):
    return services.assign_complaint(
        complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator, **kwargs
    )


def assign_entry(complaint):
    return ModelLogEntry.objects.get(
        content_type__app_label="complaints",
        object_id=str(complaint.pk),
        action="complaints.assign",
    )


class TestNamingWhenAssigning:
    def test_the_staff_member_is_stored_and_written_into_the_history(self, cs, investigator, rude):
        complaint = assign(ComplaintFactory(), cs, investigator, staff_member=rude, note="態度")

        assert fresh(complaint).staff_member == rude
        entry = assign_entry(complaint)
        assert entry.data["staff_member"] == "rude.tech"
        assert entry.data["note"] == "態度\nStaff member complained about: Brusque Technician"
        assert entry.user == cs

    def test_naming_nobody_leaves_the_history_as_it_was(self, cs, investigator):
        complaint = assign(ComplaintFactory(), cs, investigator, note="轉售後")

        assert fresh(complaint).staff_member is None
        entry = assign_entry(complaint)
        assert "staff_member" not in entry.data
        assert entry.data["note"] == "轉售後"

    def test_a_member_of_another_department_is_refused(self, cs, investigator, staff):
        complaint = ComplaintFactory()

        with pytest.raises(ComplaintInvalid) as refused:
            assign(complaint, cs, investigator, staff_member=staff[roles.SALES])

        assert "staff_member" in refused.value.message_dict
        assert fresh(complaint).state == S.RECEIVED
        assert history(complaint) == []

    def test_someone_who_left_is_refused(self, cs, investigator, rude):
        rude.is_active = False
        rude.save()
        complaint = ComplaintFactory()

        with pytest.raises(ComplaintInvalid):
            assign(complaint, cs, investigator, staff_member=rude)

        assert fresh(complaint).staff_member is None


class TestReopening:
    def test_the_name_stays_unless_a_new_one_is_given(self, make, cs, investigator, rude):
        complaint = make(S.CLOSED)
        complaint.__class__.objects.filter(pk=complaint.pk).update(staff_member=rude)

        complaint = services.reopen_complaint(
            complaint,
            user=cs,
            department=Department.AFTER_SALES,
            investigator=investigator,
            note="客戶再來電",
        )

        assert fresh(complaint).staff_member == rude

    def test_naming_someone_else_is_written_into_the_history(self, make, cs, investigator, rude):
        complaint = make(S.CLOSED)

        services.reopen_complaint(
            complaint,
            user=cs,
            department=Department.AFTER_SALES,
            investigator=investigator,
            staff_member=rude,
            note="客戶再來電",
        )

        assert fresh(complaint).staff_member == rude
        entry = ModelLogEntry.objects.get(object_id=str(complaint.pk), action="complaints.reopen")
        assert entry.data["staff_member"] == "rude.tech"


class TestInTheAdmin:
    def test_the_assign_form_offers_active_department_staff_by_full_name(
        self, client, cs, staff, rude
    ):
        UserFactory(username="gone", first_name="Long", last_name="Gone", is_active=False)
        UserFactory(username="nobody", first_name="No", last_name="Department")
        complaint = ComplaintFactory()
        client.force_login(cs)

        response = client.get(reverse(f"{VIEWS}:transition", args=[complaint.pk, "assign"]))

        assert response.status_code == 200
        options = [
            option.get_text(strip=True)
            for option in BeautifulSoup(response.text, "html.parser").select(
                'select[name="staff_member"] option'
            )
        ]
        assert "Brusque Technician (After-sales)" in options
        assert not any("Long Gone" in o or "No Department" in o for o in options)

    def test_named_by_post_and_shown_on_the_inspect_page(self, client, cs, investigator, rude):
        complaint = ComplaintFactory()
        client.force_login(cs)

        response = client.post(
            reverse(f"{VIEWS}:transition", args=[complaint.pk, "assign"]),
            {
                "from_state": S.RECEIVED,
                "department": Department.AFTER_SALES,
                "investigator": investigator.pk,
                "staff_member": rude.pk,
                "contract": "",
                "customer": "",
                "note": "",
            },
        )

        assert response.status_code == 302
        assert fresh(complaint).staff_member == rude
        page = client.get(reverse(f"{VIEWS}:inspect", args=[complaint.pk])).text
        text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
        assert "Staff member complained about Brusque Technician" in text
        assert "Staff member complained about: Brusque Technician" in text  # the History

    def test_a_member_of_another_department_is_refused_at_the_field(
        self, client, cs, investigator, staff
    ):
        complaint = ComplaintFactory()
        client.force_login(cs)

        response = client.post(
            reverse(f"{VIEWS}:transition", args=[complaint.pk, "assign"]),
            {
                "from_state": S.RECEIVED,
                "department": Department.AFTER_SALES,
                "investigator": investigator.pk,
                "staff_member": staff[roles.SALES].pk,
                "note": "",
            },
        )

        assert response.status_code == 200
        assert "staff_member" in response.context["form"].errors
        assert fresh(complaint).state == S.RECEIVED


class TestHiddenFromTheComplainant:
    def test_the_tracking_page_never_names_the_staff_member(
        self, home_page, cs, investigator, rude
    ):
        complaint = assign(ComplaintFactory(language="en"), cs, investigator, staff_member=rude)

        response = Client().get(f"/en/track/{complaint.tracking_token}/")

        assert response.status_code == 200
        page = response.content.decode()
        assert "Being investigated" in page
        for hidden in ("Brusque", "Technician", "rude.tech", "complained about"):
            assert hidden not in page
