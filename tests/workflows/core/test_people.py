"""The people to tell: a lead stands for the role; inactive accounts hear nothing."""

import pytest

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.people import members, people_to_tell

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return {
        "anna": UserFactory(username="anna", roles=[roles.CUSTOMER_SERVICE]),
        "ben": UserFactory(username="ben", roles=[roles.CUSTOMER_SERVICE, roles.SALES]),
        "gone": UserFactory(username="gone", roles=[roles.CUSTOMER_SERVICE], is_active=False),
        "sam": UserFactory(username="sam", roles=[roles.SALES]),
    }


def names(users):
    return [u.username for u in users]


class TestMembers:
    def test_active_members_of_any_role_once_each(self, team):
        assert names(members(roles.CUSTOMER_SERVICE, roles.SALES)) == ["anna", "ben", "sam"]

    def test_no_role_no_one(self, team):
        assert members() == []


class TestPeopleToTell:
    def test_an_active_lead_alone_stands_for_the_role(self, team):
        told = people_to_tell(lead=team["sam"], roles=[roles.CUSTOMER_SERVICE])

        assert names(told) == ["sam"]

    def test_an_inactive_lead_falls_back_to_the_role(self, team):
        told = people_to_tell(lead=team["gone"], roles=[roles.CUSTOMER_SERVICE])

        assert names(told) == ["anna", "ben"]

    def test_named_people_and_role_members_together_once_each(self, team):
        told = people_to_tell(users=[team["sam"], team["ben"], team["gone"]], roles=[roles.SALES])

        assert names(told) == ["ben", "sam"]
