import pytest

from workflows.followups import services
from workflows.followups.choices import FollowUpState as S

from .factories import FollowUpFactory


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its labels and messages."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def make(cs):
    """A follow-up brought to `state` through the services, as Customer Service would."""

    def build(state=S.DUE, **fields):
        follow_up = FollowUpFactory(**fields)
        if state == S.DONE:
            return services.record_follow_up(
                follow_up,
                user=cs,
                method="phone",
                contacted_person="林經理",
                feedback="挖土機運作正常，希望下月多租一台",
                needs="再租一台 20 噸挖土機",
            )
        if state == S.SKIPPED:
            return services.skip_follow_up(follow_up, user=cs, skip_reason="客戶要求本月不聯絡")
        return follow_up

    return build


# A contract signed through the leasing services, as Sales and Legal do it (P2.3-P2.5).
from tests.workflows.leasing.conftest import (  # noqa: E402, F401
    excavator,
    legal,
    make_contract,
    make_plan,
    template,
    units,
)
