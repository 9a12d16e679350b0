"""Bulk transitions on process listings: Customer Service closes many answered consultations."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import ModelLogEntry

from tests.factories import ConsultationFactory
from workflows.consultations import services
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core import commands
from workflows.core.bulk import BulkTransitionAction
from workflows.core.exceptions import TransitionNotAvailable
from workflows.core.registry import viewsets

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_consultations_consultation:list"


@pytest.fixture(autouse=True)
def close_command(monkeypatch):
    """The command of "close", as the single button runs it; declared here for the test only
    when the consultations app does not declare it yet (the registry is restored after)."""
    monkeypatch.setattr(commands, "_registry", dict(commands._registry))
    monkeypatch.setattr(commands, "_by_transition", dict(commands._by_transition))
    if commands.for_transition(Consultation, "close") is None:
        commands.transition_command(Consultation, "close")(services.close_consultation)
    return commands.for_transition(Consultation, "close")


def bulk_url(action, records, model="consultation", app="consultations", **params):
    query = [("id", record.pk) for record in records]
    query += [("next", reverse(LISTING)), *params.items()]
    return reverse("wagtail_bulk_action", args=[app, model, action]) + "?" + urlencode(query)


def answered(cs, count=1):
    return [
        services.answer_consultation(ConsultationFactory(), user=cs, reply="電話已回覆")
        for _ in range(count)
    ]


def states(records):
    return [Consultation.objects.get(pk=record.pk).state for record in records]


def history(record, action):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="consultations", object_id=str(record.pk), action=action
        )
    )


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def footer_actions(html):
    soup = BeautifulSoup(html, "html.parser")
    footer = soup.select_one("[data-bulk-action-footer]")
    assert footer is not None
    return {
        link["href"].rstrip("/").rsplit("/", 1)[-1]
        for link in footer.select("[data-bulk-action-button]")
    }


def test_only_transitions_that_ask_for_a_note_are_bulk_actions():
    actions = {
        action.action_type: action
        for action in bulk_action_registry.get_bulk_actions_for_model(
            "consultations", "consultation"
        )
    }
    assert "transition-close" in actions
    assert issubclass(actions["transition-close"], BulkTransitionAction)
    # Answering needs the reply, promising a date, handing over a salesperson.
    assert not {"transition-answer", "transition-promise_reply", "transition-hand_to_sales"} & set(
        actions
    )
    assert "delete" in actions


def test_customer_service_is_offered_close_and_sales_is_not(client, cs, sales):
    client.force_login(cs)
    assert "transition-close" in footer_actions(client.get(reverse(LISTING)).content)
    client.force_login(sales)
    response = client.get(reverse(LISTING))
    assert response.status_code == 200
    assert "transition-close" not in footer_actions(response.content)


def test_bulk_close_moves_each_allowed_record_and_names_the_refused_one(client, cs):
    ready = answered(cs, 3)
    received = ConsultationFactory()
    chosen = [*ready, received]
    client.force_login(cs)

    page = client.get(bulk_url("transition-close", chosen))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    movable = {int(li["data-record"]) for li in soup.select("[data-bulk-movable] li")}
    kept = {int(li["data-record"]) for li in soup.select("[data-bulk-kept] li")}
    assert movable == {record.pk for record in ready}
    assert kept == {received.pk}
    assert "Received" in soup.select_one("[data-bulk-kept]").get_text()
    assert soup.select_one("textarea[name=note]") is not None

    response = client.post(bulk_url("transition-close", chosen), {"note": "已回覆，結案"})

    assert response.status_code == 302
    assert response["Location"] == reverse(LISTING)
    assert states(ready) == [S.CLOSED] * 3
    assert states([received]) == [S.RECEIVED]
    for record in ready:
        [entry] = history(record, "consultations.close")
        assert entry.user == cs
        assert entry.data["from"] == S.ANSWERED
        assert entry.data["note"] == "已回覆，結案"
        assert Consultation.objects.get(pk=record.pk).closed_at is not None
    assert history(received, "consultations.close") == []
    done, left = flashed(response)
    assert "3 records done" in done
    assert "1 record was left as it was" in left
    assert str(received) in left
    assert "not possible in its current state “Received”" in left


def test_a_record_someone_else_moved_meanwhile_is_left_and_said_so(client, cs):
    first, second = answered(cs, 2)
    client.force_login(cs)
    url = bulk_url("transition-close", [first, second])
    client.get(url)
    services.close_consultation(second, user=cs, note="同事先結案了")

    response = client.post(
        url, {"note": "", f"seen_{first.pk}": S.ANSWERED, f"seen_{second.pk}": S.ANSWERED}
    )

    assert states([first, second]) == [S.CLOSED, S.CLOSED]
    assert len(history(second, "consultations.close")) == 1  # the colleague's only
    done, left = flashed(response)
    assert "1 record done" in done
    assert str(second) in left
    assert "someone else moved it to “Closed” meanwhile" in left


def test_records_the_user_may_not_see_are_neither_listed_nor_moved(client, cs, monkeypatch):
    shown, hidden = answered(cs, 2)
    monkeypatch.setattr(
        Consultation,
        "visible_to",
        classmethod(lambda cls, user, queryset: queryset.exclude(pk=hidden.pk)),
    )
    client.force_login(cs)

    page = client.get(bulk_url("transition-close", [shown, hidden]))
    assert str(hidden) not in page.content.decode()
    client.post(bulk_url("transition-close", [shown, hidden]), {"note": ""})

    assert states([shown, hidden]) == [S.CLOSED, S.ANSWERED]


def test_without_the_permission_the_bulk_url_refuses_with_403_and_changes_nothing(
    client, cs, sales
):
    records = answered(cs, 2)
    client.force_login(sales)

    assert client.get(bulk_url("transition-close", records)).status_code == 403
    response = client.post(bulk_url("transition-close", records), {"note": "x"})

    assert response.status_code == 403
    assert "core/403.html" in [t.name for t in response.templates]
    assert states(records) == [S.ANSWERED, S.ANSWERED]
    assert all(history(record, "consultations.close") == [] for record in records)


def test_a_transition_without_a_command_is_not_offered(client, cs, monkeypatch):
    monkeypatch.setattr(commands, "_by_transition", {})
    client.force_login(cs)
    assert "transition-close" not in footer_actions(client.get(reverse(LISTING)).content)
    assert client.get(bulk_url("transition-close", answered(cs))).status_code == 404


def test_the_confirmation_page_costs_the_same_for_1_or_20_records(client, cs):
    one = answered(cs, 1)
    twenty = answered(cs, 19) + one
    client.force_login(cs)
    client.get(bulk_url("transition-close", one))  # warm caches (permissions, content types)

    counts = []
    for records in (one, twenty):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(bulk_url("transition-close", records))
        assert response.status_code == 200
        listed = BeautifulSoup(response.content, "html.parser").select("[data-bulk-movable] li")
        assert len(listed) == len(records)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_bulk_delete_keeps_records_past_their_draft_state(client, cs, staff):
    records = [ConsultationFactory(), *answered(cs)]
    client.force_login(staff["admin"])

    response = client.post(bulk_url("delete", records))

    assert response.status_code == 302
    assert Consultation.objects.filter(pk__in=[r.pk for r in records]).count() == 2
    assert any("is kept as a record" in message for message in flashed(response))


def test_a_failed_condition_is_reported_with_its_message(client, cs, monkeypatch, close_command):
    fine, blocked = answered(cs, 2)

    def close(record, **kwargs):
        if record.pk == blocked.pk:
            raise TransitionNotAvailable(record, "close", reason="The customer still waits.")
        return close_command(record, **kwargs)

    monkeypatch.setitem(commands._by_transition, (Consultation, "close"), close)
    client.force_login(cs)

    response = client.post(bulk_url("transition-close", [fine, blocked]), {"note": ""})

    assert states([fine, blocked]) == [S.CLOSED, S.ANSWERED]
    done, left = flashed(response)
    assert "1 record done" in done
    assert f"“{blocked}”: The customer still waits." in left


def test_every_process_listing_has_the_bulk_footer(client, staff):
    client.force_login(staff["admin"])
    for model, viewset in viewsets().items():
        response = client.get(reverse(viewset.get_url_name("list")))
        assert response.status_code == 200, model
        assert "delete" in footer_actions(response.content), model
