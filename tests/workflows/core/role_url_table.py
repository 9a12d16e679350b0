"""Who gets 200 for each admin URL pattern (test_role_url_matrix.py): a plain table, kept by
hand, one part per app in role_url_tables/ (Wagtail's own admin in `wagtail`). "*" is every
role; otherwise the role codes, e.g. "FI SU MG AD"; "" is nobody."""

from .role_url_tables import (
    billing,
    complaints,
    consultations,
    contact,
    customers,
    fleet,
    followups,
    handovers,
    home,
    leasing,
    people,
    quality,
    servicing,
    suggestions,
    wagtail,
)

PARTS = (
    wagtail,
    complaints,
    consultations,
    contact,
    customers,
    fleet,
    followups,
    leasing,
    suggestions,
    billing,
    handovers,
    people,
    quality,
    servicing,
    home,
)


def _merged(parts):
    table = {}
    for part in parts:
        twice = set(table) & set(part.EXPECTED)
        assert not twice, f"URL patterns in two parts of the table: {sorted(twice)}"
        table.update(part.EXPECTED)
    return table


EXPECTED = _merged(PARTS)
