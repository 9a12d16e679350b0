"""What the contract page shows from other processes (visits, repairs, handovers...).

The same mechanism as the customer page (`workflows.customers.related`): an app
registers a section from its `wagtail_hooks.py`,

    register_contract_section(_("Repairs"), lambda contract: contract.repairs.all(),
                              permission="servicing.view_repair")

and the contract page runs one query per section, whatever the number of records.
"""

from workflows.core.registry import inspect_url
from workflows.customers.related import CustomerSection

_sections = {}


def register_contract_section(
    label, queryset_fn, url_fn=inspect_url, *, permission=None, order=100, limit=20
):
    _sections[str(label)] = CustomerSection(
        label=label,
        queryset_fn=queryset_fn,
        url_fn=url_fn,
        permission=permission,
        order=order,
        limit=limit,
    )


def contract_sections(user=None):
    sections = sorted(_sections.values(), key=lambda s: (s.order, str(s.label)))
    if user is None:
        return sections
    return [section for section in sections if section.visible_to(user)]


def section_rows(contract, user):
    rows = []
    for section in contract_sections(user):
        records, more = section.rows(contract)
        rows.append({"label": section.label, "rows": records, "more": more})
    return rows
