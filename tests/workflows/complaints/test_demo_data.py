"""The demo complaints load once, through the services, in every state."""

import pytest
from django.utils import timezone

from fixtures import demo, demo_complaints
from forms.models import ComplaintFormPage
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.models import Complaint, RentCredit, ServiceTask

pytestmark = pytest.mark.django_db


def test_every_state_urgent_overdue_and_rated_ones_and_the_page_and_is_idempotent():
    users = demo.load()  # the leasing demo before it signs the contracts rent credits need

    demo_complaints.load(users)
    count = Complaint.objects.count()
    demo_complaints.load(users)

    assert Complaint.objects.count() == count
    assert set(Complaint.objects.values_list("state", flat=True)) == set(S.values)
    assert Complaint.objects.filter(urgent=True).count() >= 2
    assert Complaint.objects.open().overdue(timezone.now()).count() >= 2
    assert Complaint.objects.filter(satisfaction__isnull=False).count() >= 3
    assert Complaint.objects.filter(reopened_count__gt=0).exists()
    assert Complaint.objects.exclude(explanation="").exists()
    assert Complaint.objects.filter(staff_member__isnull=False).count() >= 3
    assert RentCredit.objects.count() == 1 and ServiceTask.objects.count() == 1
    # One complaint page per content language (zh-hant, zh-hans, en).
    assert (
        ComplaintFormPage.objects.live()
        .filter(slug="complaint", locale__language_code="zh-hant")
        .count()
        == 1
    )
    months = {c.received_at.month for c in Complaint.objects.all()}
    assert len(months) >= 4
