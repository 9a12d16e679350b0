"""Consultations in the admin (P1.2, P1.3, P2.1): buttons, confirmation, permissions, History."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import ConsultationFactory
from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core import roles

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_consultations_consultation"
ALL_ROLES = list(roles.ROLE_PERMISSIONS)


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its messages."""
    settings.LANGUAGE_CODE = "en"


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def transition_url(consultation, name):
    return url("transition", consultation.pk, name)


def history(consultation):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="consultations", object_id=str(consultation.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def state_of(consultation):
    return Consultation.objects.get(pk=consultation.pk).state


def buttons(html, scope=None):
    """The transitions offered as buttons, within the element matching `scope` if given."""
    soup = BeautifulSoup(html, "html.parser")
    if scope:
        soup = soup.select_one(scope)
        assert soup is not None, f"nothing matches {scope}"
    return {tag["data-transition"] for tag in soup.select("[data-transition]")}


def listing_row(html, consultation):
    soup = BeautifulSoup(html, "html.parser")
    checkbox = soup.select_one(f'[data-bulk-action-checkbox][data-object-id="{consultation.pk}"]')
    return None if checkbox is None else checkbox.find_parent("tr")


def in_the_future(hours=48):
    return timezone.localtime() + timedelta(hours=hours)


class Case:
    """One transition as staff perform it in the admin."""

    def __init__(self, name, role, source, target, forbidden_sources, moved_by_someone_else):
        self.name = name
        self.role = role
        self.source = source
        self.target = target
        self.forbidden_sources = forbidden_sources
        self.moved_by_someone_else = moved_by_someone_else

    def __repr__(self):
        return self.name

    def data(self, consultation, staff, from_state=None):
        fields = {"from_state": from_state or consultation.state, "note": "看過了"}
        if self.name == "answer":
            fields["reply"] = "20 噸挖土機月租 9 萬元"
        elif self.name == "promise_reply":
            fields["reply_due_at"] = in_the_future().strftime("%Y-%m-%d %H:%M")
        elif self.name == "hand_to_sales":
            fields["salesperson"] = staff[roles.SALES].pk
            fields["sales_need"] = "20 噸挖土機 3 個月，新北工地"
        return fields


def _answer(c, cs, sales):
    return services.answer_consultation(c, user=cs, reply="電話已回覆")


def _promise(c, cs, sales):
    return services.promise_reply(c, user=cs, reply_due_at=in_the_future())


def _hand(c, cs, sales):
    return services.hand_to_sales(c, user=cs, salesperson=sales, sales_need="發電機")


def _close(c, cs, sales):
    return services.close_consultation(c, user=cs)


def _take_over(c, cs, sales):
    return services.take_over_consultation(c, user=sales)


CASES = [
    Case(
        "answer",
        roles.CUSTOMER_SERVICE,
        S.RECEIVED,
        S.ANSWERED,
        [S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED],
        _promise,
    ),
    Case(
        "promise_reply",
        roles.CUSTOMER_SERVICE,
        S.RECEIVED,
        S.REPLY_PROMISED,
        [S.REPLY_PROMISED, S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED],
        _hand,
    ),
    Case(
        "hand_to_sales",
        roles.CUSTOMER_SERVICE,
        S.RECEIVED,
        S.HANDED_TO_SALES,
        [S.ANSWERED, S.HANDED_TO_SALES, S.CLOSED],
        _answer,
    ),
    Case(
        "close",
        roles.CUSTOMER_SERVICE,
        S.ANSWERED,
        S.CLOSED,
        [S.RECEIVED, S.REPLY_PROMISED, S.HANDED_TO_SALES, S.CLOSED],
        _close,
    ),
    Case(
        "take_over",
        roles.SALES,
        S.HANDED_TO_SALES,
        S.CLOSED,
        [S.RECEIVED, S.REPLY_PROMISED, S.ANSWERED, S.CLOSED],
        _take_over,
    ),
]
FORBIDDEN_SOURCES = [(case, source) for case in CASES for source in case.forbidden_sources]


@pytest.mark.parametrize("case", CASES, ids=repr)
class TestEachTransitionInTheAdmin:
    def test_the_permitted_role_moves_it_and_is_told_so(self, client, staff, make, case):
        consultation = make(case.source)
        before = history(consultation)
        client.force_login(staff[case.role])

        assert client.get(transition_url(consultation, case.name)).status_code == 200
        response = client.post(
            transition_url(consultation, case.name), case.data(consultation, staff)
        )

        assert response.status_code == 302
        assert response["Location"] == url("inspect", consultation.pk)
        assert state_of(consultation) == case.target
        assert history(consultation) == [*before, f"consultations.{case.name}"]
        assert any("done" in message for message in flashed(response))

    def test_it_returns_to_the_page_the_button_was_on(self, client, staff, make, case):
        consultation = make(case.source)
        client.force_login(staff[case.role])

        response = client.post(
            transition_url(consultation, case.name),
            {**case.data(consultation, staff), "next": url("list")},
        )

        assert response.status_code == 302
        assert response["Location"] == url("list")

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make, case):
        consultation = make(case.source)
        before = history(consultation)

        for role in ALL_ROLES:
            if role == case.role:
                continue
            client.force_login(staff[role])
            get = client.get(transition_url(consultation, case.name))
            post = client.post(
                transition_url(consultation, case.name), case.data(consultation, staff)
            )

            assert get.status_code == 403, role
            assert post.status_code == 403, role
            assert state_of(consultation) == case.source, role
            assert history(consultation) == before, role

    def test_a_stale_form_is_refused_with_a_friendly_message(self, client, staff, make, case):
        consultation = make(case.source)
        seen = case.data(consultation, staff)
        moved = case.moved_by_someone_else(
            consultation, staff[roles.CUSTOMER_SERVICE], staff[roles.SALES]
        )
        before = history(consultation)
        client.force_login(staff[case.role])

        response = client.post(transition_url(consultation, case.name), seen)

        assert response.status_code == 302
        assert any(message.startswith("Someone else moved") for message in flashed(response))
        assert state_of(consultation) == moved.state
        assert history(consultation) == before


@pytest.mark.parametrize(("case", "source"), FORBIDDEN_SOURCES, ids=str)
class TestTransitionsFromAForbiddenState:
    def test_posting_shows_an_error_and_changes_nothing(self, client, staff, make, case, source):
        consultation = make(source)
        before = history(consultation)
        client.force_login(staff[case.role])

        response = client.post(
            transition_url(consultation, case.name), case.data(consultation, staff)
        )

        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert any("is not possible" in error for error in errors)
        assert "is not possible" in response.text
        assert state_of(consultation) == source
        assert history(consultation) == before

    def test_opening_the_form_says_it_is_not_possible(self, client, staff, make, case, source):
        consultation = make(source)
        client.force_login(staff[case.role])

        response = client.get(transition_url(consultation, case.name))

        assert response.status_code == 302
        assert any("is not possible" in message for message in flashed(response))


class TestTransitionButtons:
    """Buttons appear for exactly the transitions the user may start from the record's state."""

    CS_ON_RECEIVED = {"answer", "promise_reply", "hand_to_sales"}

    @pytest.mark.parametrize(
        ("role", "state", "expected"),
        [
            (roles.CUSTOMER_SERVICE, S.RECEIVED, CS_ON_RECEIVED),
            (roles.CUSTOMER_SERVICE, S.REPLY_PROMISED, {"answer", "hand_to_sales"}),
            (roles.CUSTOMER_SERVICE, S.ANSWERED, {"close"}),
            (roles.CUSTOMER_SERVICE, S.HANDED_TO_SALES, set()),
            (roles.CUSTOMER_SERVICE, S.CLOSED, set()),
            (roles.SALES, S.RECEIVED, set()),
            (roles.SALES, S.ANSWERED, set()),
            (roles.SALES, S.HANDED_TO_SALES, {"take_over"}),
            (roles.MANAGEMENT, S.RECEIVED, set()),
            (roles.SUPERVISION, S.HANDED_TO_SALES, set()),
            ("admin", S.RECEIVED, CS_ON_RECEIVED),
        ],
    )
    def test_listing_row_and_inspect_header(self, client, staff, make, role, state, expected):
        consultation = make(state)
        client.force_login(staff[role])

        listing = client.get(url("list"))
        inspect = client.get(url("inspect", consultation.pk))

        assert listing.status_code == 200
        row = listing_row(listing.text, consultation)
        assert row is not None
        assert {tag["data-transition"] for tag in row.select("[data-transition]")} == expected
        assert inspect.status_code == 200
        assert buttons(inspect.text) == expected

    @pytest.mark.parametrize(
        ("state", "expected"),
        [
            (S.RECEIVED, CS_ON_RECEIVED),
            (S.ANSWERED, {"close"}),
            (S.HANDED_TO_SALES, set()),
        ],
    )
    def test_edit_page_header(self, client, cs, make, state, expected):
        consultation = make(state)
        client.force_login(cs)

        response = client.get(url("edit", consultation.pk))

        assert response.status_code == 200
        assert buttons(response.text) == expected

    def test_each_button_leads_to_its_confirmation_form(self, client, cs, make):
        consultation = make(S.RECEIVED)
        client.force_login(cs)
        soup = BeautifulSoup(client.get(url("inspect", consultation.pk)).text, "html.parser")

        for button in soup.select("[data-transition]"):
            response = client.get(button["href"])
            assert response.status_code == 200
            assert f'data-confirm-transition="{button["data-transition"]}"' in response.text


class TestAClosedConsultation:
    def test_cannot_be_edited(self, client, cs, make):
        consultation = make(S.CLOSED)
        client.force_login(cs)

        response = client.get(url("edit", consultation.pk))

        assert response.status_code == 302
        assert response["Location"] == url("inspect", consultation.pk)
        assert any("can no longer be edited" in message for message in flashed(response))

    def test_posting_an_edit_changes_nothing(self, client, cs, make):
        consultation = make(S.CLOSED)
        client.force_login(cs)

        response = client.post(url("edit", consultation.pk), {"customer_name": "改名"})

        assert response.status_code == 302
        assert Consultation.objects.get(pk=consultation.pk).customer_name != "改名"


@pytest.mark.parametrize("state", [S.RECEIVED, S.CLOSED])
class TestDeletingAConsultation:
    """Records are never deleted, not even by an administrator; they end closed."""

    def test_the_delete_view_refuses(self, client, staff, make, state):
        consultation = make(state)
        client.force_login(staff["admin"])

        response = client.post(url("delete", consultation.pk))

        assert response.status_code == 302
        assert Consultation.objects.filter(pk=consultation.pk).exists()
        assert any("is kept as a record" in message for message in flashed(response))

    def test_the_bulk_delete_action_refuses(self, client, staff, make, state):
        consultation = make(state)
        other = make(S.RECEIVED)
        client.force_login(staff["admin"])
        bulk_url = reverse("wagtail_bulk_action", args=["consultations", "consultation", "delete"])

        response = client.post(f"{bulk_url}?id={consultation.pk}&id={other.pk}")

        assert response.status_code == 302
        assert Consultation.objects.filter(pk__in=[consultation.pk, other.pk]).count() == 2
        assert any("is kept as a record" in message for message in flashed(response))


class TestHistory:
    @pytest.fixture
    def moved(self, client, cs, sales, make):
        """Promised, then handed to Sales, then taken over: each through the admin with a note."""
        consultation = make(S.RECEIVED)
        steps = [
            (cs, "promise_reply", {"reply_due_at": in_the_future().strftime("%Y-%m-%d %H:%M")}),
            (cs, "hand_to_sales", {"salesperson": sales.pk, "sales_need": "高空作業車兩台"}),
            (sales, "take_over", {}),
        ]
        for user, name, fields in steps:
            client.force_login(user)
            state = state_of(consultation)
            response = client.post(
                transition_url(consultation, name),
                {"from_state": state, "note": f"備註 {name}", **fields},
            )
            assert response.status_code == 302, name
        assert state_of(consultation) == S.CLOSED
        client.force_login(cs)
        return consultation

    EXPECTED = [
        ("Promise a reply", "Received", "Reply promised", "備註 promise_reply"),
        ("Hand to Sales", "Reply promised", "Handed to Sales", "備註 hand_to_sales"),
        ("Take over and close", "Handed to Sales", "Closed", "備註 take_over"),
    ]

    def test_the_inspect_page_shows_each_transition_with_its_note(self, client, moved):
        response = client.get(url("inspect", moved.pk))

        section = BeautifulSoup(response.text, "html.parser").select_one(
            'section[aria-labelledby="record-history-heading"]'
        )
        text = re.sub(r"\s+", " ", section.get_text(" "))
        for label, source, target, note in self.EXPECTED:
            assert f"{label}: {source} → {target}" in text
            assert note in text
        assert text.index("Take over and close") < text.index("Promise a reply")  # newest first

    def test_the_history_view_shows_each_transition_with_its_note(self, client, moved):
        response = client.get(url("history", moved.pk))

        assert response.status_code == 200
        text = re.sub(r"\s+", " ", BeautifulSoup(response.text, "html.parser").get_text(" "))
        for label, source, target, note in self.EXPECTED:
            assert f"{label}: {source} → {target}" in text
            assert note in text

    def test_each_entry_names_the_user_who_moved_it(self, moved, cs, sales):
        entries = ModelLogEntry.objects.filter(object_id=str(moved.pk)).order_by("pk")
        assert [(e.action, e.user_id) for e in entries] == [
            ("consultations.promise_reply", cs.pk),
            ("consultations.hand_to_sales", cs.pk),
            ("consultations.take_over", sales.pk),
        ]


class TestTheOverdueFilter:
    @pytest.fixture
    def late_and_on_time(self):
        now = timezone.now()
        late = ConsultationFactory(due_at=now - timedelta(hours=2))
        on_time = ConsultationFactory(due_at=now + timedelta(hours=2))
        no_deadline = ConsultationFactory(due_at=None)
        return late, on_time, no_deadline

    def test_lists_only_overdue_consultations(self, client, cs, late_and_on_time):
        late, on_time, no_deadline = late_and_on_time
        client.force_login(cs)

        response = client.get(url("list"), {"overdue": "true"})

        assert response.status_code == 200
        assert listing_row(response.text, late) is not None
        assert listing_row(response.text, on_time) is None
        assert listing_row(response.text, no_deadline) is None

    def test_the_unfiltered_listing_marks_the_overdue_ones(self, client, cs, late_and_on_time):
        late, on_time, no_deadline = late_and_on_time
        client.force_login(cs)

        response = client.get(url("list"))

        assert listing_row(response.text, late).select("[data-overdue]")
        assert not listing_row(response.text, on_time).select("[data-overdue]")
        assert not listing_row(response.text, no_deadline).select("[data-overdue]")


class TestRecordingAConsultationInTheAdmin:
    """Customer Service records a phone, email or chat consultation (P1.2)."""

    def form(self, channel, **overrides):
        data = {
            "channel": channel.pk,
            "received_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "handler": "",
            "customer_name": "陳大文",
            "company": "信義工程",
            "phone": "0922-000-111",
            "email": "",
            "language": "zh-hant",
            "subject": "吊車租賃",
            "question": "下週需要 25 噸吊車三天",
        }
        data.update(overrides)
        return data

    def test_it_gets_a_reference_the_user_as_handler_and_the_channels_deadline(
        self, client, cs, phone_channel
    ):
        client.force_login(cs)

        response = client.post(url("add"), self.form(phone_channel))

        assert response.status_code == 302
        consultation = Consultation.objects.get(customer_name="陳大文")
        assert re.fullmatch(r"C\d{4}-\d{6}", consultation.reference)
        assert consultation.state == S.RECEIVED
        assert consultation.handler == cs
        assert consultation.due_at == consultation.received_at + timedelta(
            hours=phone_channel.reply_within_hours
        )
        assert history(consultation) == ["wagtail.create"]
        assert ModelLogEntry.objects.get(object_id=str(consultation.pk)).user == cs

    def test_the_form_proposes_the_user_as_handler(self, client, cs):
        client.force_login(cs)

        response = client.get(url("add"))

        assert response.context["form"]["handler"].value() == cs.pk

    def test_without_phone_and_email_it_is_refused_with_a_message(self, client, cs, phone_channel):
        client.force_login(cs)

        response = client.post(url("add"), self.form(phone_channel, phone="", email=""))

        assert response.status_code == 200
        assert not Consultation.objects.exists()
        assert response.context["form"].errors["phone"] == [
            "Give a phone number or an email address, so that we can reply."
        ]
        assert "could not be created" in flashed(response)[0]

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_other_roles_cannot_record_one(self, client, staff, phone_channel, role):
        client.force_login(staff[role])

        response = client.post(url("add"), self.form(phone_channel))

        assert response.status_code == 403
        assert not Consultation.objects.exists()
        assert not ModelLogEntry.objects.filter(content_type__app_label="consultations").exists()

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.CUSTOMER_SERVICE])
    def test_other_roles_cannot_open_the_form(self, client, staff, role):
        client.force_login(staff[role])

        assert client.get(url("add")).status_code == 403
