"""From a follow-up, one click opens a complaint, a suggestion or a consultation for Sales,
prefilled and linked (P4.4)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.site.factories import ConsultationChannelFactory
from tests.workflows.customers.factories import CustomerContactFactory
from workflows.consultations.choices import ConsultationState
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.exceptions import CommandPermissionDenied
from workflows.followups import services
from workflows.followups.choices import FollowUpState as S
from workflows.followups.exceptions import FollowUpInvalid
from workflows.followups.models import FollowUp
from workflows.suggestions.choices import SuggestionSource
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_followups_followup"
KINDS = ["consultation", "suggestion", "complaint"]


def complaint_model():
    from workflows.complaints.models import Complaint

    return Complaint


MODELS = {
    "consultation": lambda: Consultation,
    "suggestion": lambda: Suggestion,
    "complaint": complaint_model,
}


def _consultation_args(staff):
    from contact.models import ConsultationChannel

    return {
        "channel": ConsultationChannel.objects.first(),
        "salesperson": staff[roles.SALES],
        "customer_name": "林經理",
        "subject": "x",
        "question": "x",
        "sales_need": "x",
        "phone": "0912-000-000",
    }


OPEN_ARGS = {
    "consultation": _consultation_args,
    "suggestion": lambda staff: {
        "proposer_name": "林經理",
        "subject": "x",
        "description": "x",
        "phone": "0912-000-000",
    },
    "complaint": lambda staff: {
        "channel": "phone",
        "complainant_name": "林經理",
        "category": "other",
        "description": "x",
        "phone": "0912-000-000",
    },
}


def open_url(follow_up, kind):
    return reverse(f"{VIEWS}:open", args=[follow_up.pk, kind])


def inspect_url(follow_up):
    return reverse(f"{VIEWS}:inspect", args=[follow_up.pk])


def form_values(response):
    """What the form shows in each field, as the browser would send it back."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("main form")
    values = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name or name == "csrfmiddlewaretoken":
            continue
        if field.name == "textarea":
            values[name] = field.get_text().strip()
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            values[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                values[name] = "on"
        else:
            values[name] = field.get("value", "")
    return values


@pytest.fixture
def done(make, staff):
    """A follow-up recorded by phone, the customer having a contact person on file."""
    ConsultationChannelFactory(name="客服專線")
    follow_up = make(S.DONE)
    CustomerContactFactory(
        customer=follow_up.customer, name="林經理", phone="0912-555-666", email="lin@b.example"
    )
    return follow_up


@pytest.fixture
def service_desk(client, cs):
    client.force_login(cs)
    return client


#: What only a person can choose, per kind.
COMPLETE = {
    "consultation": lambda staff: {"salesperson": str(staff[roles.SALES].pk)},
    "suggestion": lambda staff: {},
    "complaint": lambda staff: {"category": "equipment_fault"},
}


def open_with_defaults(browser, follow_up, kind, staff, **changes):
    """Open the form, keep what it prefilled, complete what only a person can choose."""
    values = form_values(browser.get(open_url(follow_up, kind)))
    values.update(COMPLETE[kind](staff))
    values.update(changes)
    return browser.post(open_url(follow_up, kind), values)


@pytest.mark.parametrize("kind", KINDS)
class TestOpeningFromAFollowUp:
    def test_the_follow_up_page_offers_the_button(self, service_desk, done, kind):
        page = service_desk.get(inspect_url(done)).text

        assert f'data-open="{kind}"' in page

    def test_the_form_is_prefilled_from_the_follow_up_and_the_customer(
        self, service_desk, done, kind
    ):
        values = form_values(service_desk.get(open_url(done, kind)))

        name_field = {"consultation": "customer_name", "suggestion": "proposer_name"}.get(
            kind, "complainant_name"
        )
        assert values[name_field] == "林經理"
        assert values["phone"] == "0912-555-666"
        assert values["email"] == "lin@b.example"
        assert values["company"] == done.customer.name
        assert done.feedback in " ".join(values.values())

    def test_confirming_creates_the_record_prefilled_and_links_it(
        self, service_desk, done, staff, kind
    ):
        response = open_with_defaults(service_desk, done, kind, staff)

        assert response.status_code == 302
        assert response["Location"] == inspect_url(done)
        record = MODELS[kind]().objects.get()
        done.refresh_from_db()
        assert getattr(done, f"opened_{kind}") == record
        entry = ModelLogEntry.objects.get(object_id=str(done.pk), action=f"followups.open_{kind}")
        assert entry.user == staff[roles.CUSTOMER_SERVICE]
        assert entry.data["note"] == record.reference
        page = service_desk.get(inspect_url(done)).text
        assert record.reference in page
        assert f'data-open="{kind}"' not in page

    def test_a_second_time_is_refused(self, service_desk, done, staff, kind):
        form = form_values(service_desk.get(open_url(done, kind)))
        open_with_defaults(service_desk, done, kind, staff)

        # The same form sent again (a second tab, a resent POST).
        again = service_desk.post(open_url(done, kind), {**form, **COMPLETE[kind](staff)})

        assert again.status_code == 302
        assert again["Location"] == inspect_url(done)
        assert service_desk.get(open_url(done, kind)).status_code == 302
        assert MODELS[kind]().objects.count() == 1

    def test_two_colleagues_at_once_open_one(self, service_desk, done, staff, kind):
        """The second finds the follow-up linked when the service locks it."""
        open_with_defaults(service_desk, done, kind, staff)
        stale = FollowUp.objects.get(pk=done.pk)
        setattr(stale, f"opened_{kind}_id", None)  # what the second colleague saw

        with pytest.raises(FollowUpInvalid):
            getattr(services, f"open_{kind}")(
                stale, user=staff[roles.CUSTOMER_SERVICE], **OPEN_ARGS[kind](staff)
            )
        assert MODELS[kind]().objects.count() == 1

    def test_a_skipped_follow_up_opens_nothing(self, service_desk, make, kind):
        skipped = make(S.SKIPPED)

        assert f'data-open="{kind}"' not in service_desk.get(inspect_url(skipped)).text
        assert service_desk.get(open_url(skipped, kind)).status_code == 302

    def test_without_a_phone_or_email_it_asks_for_one_and_creates_nothing(
        self, service_desk, done, staff, kind
    ):
        response = open_with_defaults(service_desk, done, kind, staff, phone="", email="")

        assert response.status_code == 200
        assert response.context["form"].has_error("phone")
        assert not MODELS[kind]().objects.exists()
        done.refresh_from_db()
        assert getattr(done, f"opened_{kind}_id") is None

    def test_every_other_role_gets_403(self, client, done, staff, kind):
        for role in roles.ROLE_PERMISSIONS:
            if role == roles.CUSTOMER_SERVICE:
                continue
            client.force_login(staff[role])
            assert client.get(open_url(done, kind)).status_code == 403, role
            assert client.post(open_url(done, kind), {}).status_code == 403, role
        assert not MODELS[kind]().objects.exists()

    def test_the_command_refuses_every_other_role(self, done, staff, kind):
        for role in roles.ROLES:
            if role == roles.CUSTOMER_SERVICE:
                continue
            with pytest.raises(CommandPermissionDenied):
                getattr(services, f"open_{kind}")(done, user=staff[role], **OPEN_ARGS[kind](staff))
        assert not MODELS[kind]().objects.exists()
        assert getattr(FollowUp.objects.get(pk=done.pk), f"opened_{kind}_id") is None

    def test_handling_follow_ups_is_not_enough(self, done, staff, kind):
        """Opening a record needs the permission to create that kind of record too."""
        from django.contrib.auth.models import Permission

        handler = UserFactory()
        handler.user_permissions.add(
            Permission.objects.get(codename="handle_followup", content_type__app_label="followups")
        )

        with pytest.raises(CommandPermissionDenied):
            getattr(services, f"open_{kind}")(done, user=handler, **OPEN_ARGS[kind](staff))
        assert not MODELS[kind]().objects.exists()


class TestWhatEachOpens:
    def test_a_consultation_is_handed_to_the_chosen_salesperson(self, service_desk, done, staff):
        open_with_defaults(service_desk, done, "consultation", staff)

        consultation = Consultation.objects.get()
        assert consultation.state == ConsultationState.HANDED_TO_SALES
        assert consultation.salesperson == staff[roles.SALES]
        assert consultation.sales_need == done.needs
        assert consultation.handler == staff[roles.CUSTOMER_SERVICE]
        assert done.reference in consultation.subject

    def test_a_suggestion_is_the_customers_recorded_by_customer_service(
        self, service_desk, done, staff
    ):
        open_with_defaults(service_desk, done, "suggestion", staff)

        suggestion = Suggestion.objects.get()
        assert suggestion.source == SuggestionSource.CUSTOMER
        assert suggestion.customer == done.customer
        assert suggestion.proposer_name == "林經理"
        assert suggestion.description == done.feedback
        created = ModelLogEntry.objects.get(
            content_type__app_label="suggestions", action="wagtail.create"
        )
        assert created.user == staff[roles.CUSTOMER_SERVICE]

    def test_a_complaint_is_about_the_customer_and_the_contract(self, service_desk, done, staff):
        open_with_defaults(service_desk, done, "complaint", staff)

        complaint = MODELS["complaint"]().objects.get()
        assert complaint.customer == done.customer
        assert complaint.contract == done.contract
        assert complaint.matter_reference == done.contract.number
        assert complaint.channel == "phone"
        assert complaint.description == done.feedback

    def test_a_due_follow_up_may_open_one_too(self, service_desk, make, staff):
        due = make(S.DUE)
        CustomerContactFactory(customer=due.customer)

        response = open_with_defaults(service_desk, due, "suggestion", staff, description="想法")

        assert response.status_code == 302
        assert FollowUp.objects.get(pk=due.pk).opened_suggestion is not None
