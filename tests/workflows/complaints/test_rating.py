"""The complainant rates the handling once, after closing (P9.5)."""

import pytest

from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.exceptions import RatingNotAccepted

from .helpers import fresh, history

pytestmark = pytest.mark.django_db


class TestRating:
    def test_a_closed_complaint_keeps_the_rating_and_comment(self, make):
        complaint = make(S.CLOSED)

        services.rate_complaint(complaint, satisfaction=4, comment="處理迅速，但等了兩天。")

        complaint = fresh(complaint)
        assert (complaint.satisfaction, complaint.rating_comment) == (4, "處理迅速，但等了兩天。")
        assert complaint.rated_at is not None
        assert history(complaint)[-1] == "complaints.rate"

    def test_it_can_be_rated_only_once(self, make):
        complaint = make(S.CLOSED)
        services.rate_complaint(complaint, satisfaction=2)

        with pytest.raises(RatingNotAccepted) as refused:
            services.rate_complaint(complaint, satisfaction=5, comment="改評分")

        assert refused.value.code == "already_rated"
        assert fresh(complaint).satisfaction == 2

    @pytest.mark.parametrize("state", [S.RECEIVED, S.INVESTIGATING, S.RESULT_COMMUNICATED])
    def test_an_open_complaint_cannot_be_rated(self, make, state):
        complaint = make(state)

        with pytest.raises(RatingNotAccepted) as refused:
            services.rate_complaint(complaint, satisfaction=5)

        assert refused.value.code == "not_closed"
        assert fresh(complaint).satisfaction is None

    @pytest.mark.parametrize("score", [0, 6, -1])
    def test_the_score_is_from_1_to_5(self, make, score):
        complaint = make(S.CLOSED)

        with pytest.raises(RatingNotAccepted):
            services.rate_complaint(complaint, satisfaction=score)

        assert fresh(complaint).satisfaction is None

    def test_an_explained_complaint_can_be_rated_too(self, make):
        complaint = make(S.CLOSED, explained=True)

        services.rate_complaint(complaint, satisfaction=3)

        assert fresh(complaint).satisfaction == 3


def test_staff_cannot_rate_in_the_complainants_place(make, cs):
    from django.core.exceptions import PermissionDenied

    complaint = make(S.CLOSED)

    with pytest.raises(PermissionDenied):
        services.rate_complaint(complaint, user=cs, satisfaction=5)

    assert fresh(complaint).satisfaction is None
