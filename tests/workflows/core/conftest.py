import pytest

from tests.site.factories import ConsultationChannelFactory


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its labels and messages."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def channel(db):
    return ConsultationChannelFactory(reply_within_hours=4)


# A suggestion brought to a state through its services: the record with two state
# machines (its state and its reward) that test_state_machines.py moves.
from tests.workflows.suggestions.conftest import evaluator, make, owner  # noqa: E402, F401
