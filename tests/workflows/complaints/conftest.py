"""Complaints brought to any state through the services, as staff would."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from workflows.complaints import services
from workflows.complaints.choices import Compensation, Department, RootCause
from workflows.complaints.choices import ComplaintState as S
from workflows.core import roles

from .factories import ComplaintFactory, make_contract


@pytest.fixture(autouse=True)
def english():
    """Messages in English, so that tests read them as written.

    The default language (LANGUAGE_CODE) stays: Django's URL resolver caches the
    language prefixes it computed, and changing the default for one test would
    leave public links without their prefix in later tests.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def staff(staff):
    """The staff of every role, each with the admin in English."""
    for user in staff.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    return staff


@pytest.fixture
def investigator(staff):
    """The After-sales member complaints are assigned to."""
    return staff[roles.AFTER_SALES]


@pytest.fixture
def contract(db):
    return make_contract()


@pytest.fixture
def make(cs, investigator):
    """A complaint brought to `state` through the services, as staff would."""

    def build(state=S.RECEIVED, *, explained=False, **fields):
        complaint = ComplaintFactory(**fields)
        if state == S.RECEIVED:
            return complaint
        if explained:
            assert state == S.CLOSED
            return services.explain_and_close(
                complaint,
                user=cs,
                explanation="依合約第 7 條，颱風停工不在保固範圍。",
                root_cause=RootCause.UNFOUNDED,
                corrective_action="合約說明時加強解釋第 7 條。",
            )
        complaint = services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )
        if state == S.INVESTIGATING:
            return complaint
        complaint = services.agree_plan(
            complaint,
            user=investigator,
            measures="更換油管並檢查全車。",
            plan_owner=investigator,
            plan_deadline=timezone.now() + timedelta(days=2),
        )
        if state == S.PLAN_AGREED:
            return complaint
        complaint = services.resolve_complaint(
            complaint, user=investigator, resolution="已更換油管，試車正常。"
        )
        if state == S.RESOLVED:
            return complaint
        complaint = services.communicate_result(
            complaint,
            user=cs,
            result_message="油管已更換，試車正常，造成不便深感抱歉。",
            communicated_via="email",
        )
        if state == S.RESULT_COMMUNICATED:
            return complaint
        complaint = services.close_complaint(
            complaint,
            user=cs,
            root_cause=RootCause.EQUIPMENT_QUALITY,
            corrective_action="出車前加做油路檢查。",
        )
        assert state == S.CLOSED, state
        return complaint

    return build


CREDIT = Decimal("3000.00")


@pytest.fixture
def with_contract(contract):
    """Fields of a complaint about `contract` (needed for a rent credit)."""
    return {"contract": contract, "customer": contract.customer}


__all__ = ["CREDIT", "Compensation"]
