"""Reply timeliness (P7.3): replies given in time ÷ every consultation whose reply fell due,
promised or not."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.factories import ConsultationFactory
from tests.workflows.clock import at
from workflows.consultations import services
from workflows.consultations.kpi import reply_timeliness
from workflows.core import roles

pytestmark = pytest.mark.django_db

PROMISE = timedelta(hours=4)


@pytest.fixture
def promise(cs):
    """Promise a reply `ago` before now, within PROMISE; answer it `answered_after` later."""

    def build(ago, answered_after=None):
        promised_at = timezone.now() - ago
        with at(promised_at):
            consultation = services.promise_reply(
                ConsultationFactory(received_at=promised_at),
                user=cs,
                reply_due_at=promised_at + PROMISE,
            )
        if answered_after is not None:
            with at(promised_at + answered_after):
                consultation = services.answer_consultation(consultation, user=cs, reply="好")
        return consultation

    return build


def week_around_now():
    now = timezone.now()
    return now - timedelta(days=7), now + timedelta(days=7), now


class TestReplyTimeliness:
    def test_an_answer_before_the_promise_counts_as_in_time(self, promise):
        promise(timedelta(days=2), answered_after=timedelta(hours=1))

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time, result.rate) == (1, 1, 1.0)

    def test_an_answer_after_the_promise_counts_as_late(self, promise):
        promise(timedelta(days=2), answered_after=timedelta(hours=6))

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time, result.rate) == (1, 0, 0.0)

    def test_an_answer_exactly_at_the_promise_is_in_time(self, promise):
        promise(timedelta(days=2), answered_after=PROMISE)

        assert reply_timeliness(*week_around_now()).in_time == 1

    def test_an_unanswered_promise_past_its_time_counts_as_due_and_late(self, promise):
        promise(timedelta(days=2))

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time) == (1, 0)

    def test_an_unanswered_promise_still_ahead_does_not_count(self, promise):
        promise(timedelta(hours=1))

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time, result.rate) == (0, 0, None)

    def test_an_answer_without_a_promise_counts_against_the_channels_reply_time(self, cs):
        services.answer_consultation(ConsultationFactory(), user=cs, reply="當場回覆")

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time) == (1, 1)

    def test_no_answer_and_no_promise_past_the_channels_reply_time_counts_late(self):
        ConsultationFactory(received_at=timezone.now() - timedelta(days=2))  # channel: 24 h

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time) == (1, 0)

    def test_the_rate_over_a_mix(self, promise):
        promise(timedelta(days=3), answered_after=timedelta(hours=1))
        promise(timedelta(days=3), answered_after=timedelta(hours=2))
        promise(timedelta(days=3), answered_after=timedelta(hours=5))
        promise(timedelta(days=3))
        promise(timedelta(hours=1))

        result = reply_timeliness(*week_around_now())

        assert (result.due, result.in_time, result.rate) == (4, 2, 0.5)

    def test_only_promises_due_in_the_period_count(self, promise):
        promise(timedelta(days=20), answered_after=timedelta(hours=1))
        now = timezone.now()

        assert reply_timeliness(now - timedelta(days=7), now, now=now).due == 0
        assert reply_timeliness(now - timedelta(days=30), now, now=now).due == 1


class TestTheTimelinessPanelOnTheAdminHome:
    @pytest.fixture
    def history(self, promise):
        promise(timedelta(days=3), answered_after=timedelta(hours=1))  # in time, last 7 days
        promise(timedelta(days=20), answered_after=timedelta(hours=9))  # late, last 30 days
        promise(timedelta(days=60), answered_after=timedelta(hours=1))  # in time, last 90 days

    def panel(self, client, user, **params):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"), params)
        assert response.status_code == 200
        return BeautifulSoup(response.text, "html.parser").select_one("#reply-timeliness-content")

    @pytest.mark.parametrize(
        ("days", "shown"),
        [(7, "100.0"), (30, "50.0"), (90, "66.7"), (None, "50.0"), ("5", "50.0"), ("x", "50.0")],
    )
    def test_shows_the_percentage_for_the_chosen_period(self, client, cs, history, days, shown):
        params = {} if days is None else {"timeliness_days": days}

        panel = self.panel(client, cs, **params)

        assert panel.select_one("[data-timeliness]")["data-timeliness"] == shown
        assert f"{shown}%" in panel.get_text()

    def test_the_chosen_period_is_selected(self, client, cs, history):
        panel = self.panel(client, cs, timeliness_days=90)

        assert panel.select_one("select option[selected]")["value"] == "90"

    def test_says_so_when_nothing_fell_due(self, client, cs):
        panel = self.panel(client, cs)

        assert panel.select_one("[data-timeliness]")["data-timeliness"] == "none"

    @pytest.mark.parametrize("role", [roles.SALES, roles.MANAGEMENT, roles.SUPERVISION])
    def test_everyone_who_reads_consultations_sees_it(self, client, staff, history, role):
        assert self.panel(client, staff[role]) is not None

    @pytest.mark.parametrize("role", [roles.MARKETING, roles.LEGAL, roles.FINANCE])
    def test_others_do_not(self, client, staff, history, role):
        assert self.panel(client, staff[role]) is None
