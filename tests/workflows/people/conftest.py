"""The staff section's fixtures, for the records that refer to its pages."""

from tests.site.learning.conftest import annual_plan, plans, section  # noqa: F401
