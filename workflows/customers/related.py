"""What the customer page shows about a customer, contributed by each process app.

A customer's page lists their consultations, plans, contracts, handovers,
invoices and complaints. The customers app cannot know those apps, so each
registers a section from its `wagtail_hooks.py`:

    register_customer_section(
        _("Contracts"),
        lambda customer: Contract.objects.filter(customer=customer).order_by("-created_at"),
        inspect_url,
        permission="leasing.view_contract",
    )

`queryset_fn(customer)` returns the records (select the related rows that
`str()` and `url_fn` read: the page runs one query per section, whatever the
number of records); `url_fn(record)` returns the admin link. A section is shown
to users who hold `permission` (all users with access to the page when None).
"""

from dataclasses import dataclass

from workflows.core.registry import inspect_url


@dataclass(frozen=True)
class CustomerSection:
    label: str
    queryset_fn: object
    url_fn: object
    permission: str | None
    order: int
    limit: int

    def visible_to(self, user):
        return self.permission is None or user.has_perm(self.permission)

    def rows(self, customer):
        """Up to `limit` records and whether there are more, in one query."""
        records = list(self.queryset_fn(customer)[: self.limit + 1])
        more = len(records) > self.limit
        rows = []
        for record in records[: self.limit]:
            state = getattr(record, "get_state_display", None)
            rows.append(
                {
                    "record": record,
                    "url": self.url_fn(record) if self.url_fn else "",
                    "state": state() if callable(state) else "",
                }
            )
        return rows, more


_sections = {}


def register_customer_section(
    label, queryset_fn, url_fn=inspect_url, *, permission=None, order=100, limit=20
):
    """Show `label` with the records `queryset_fn(customer)` on every customer page.

    Registering the same label again replaces the section (module reloads in
    development register twice).
    """
    _sections[str(label)] = CustomerSection(
        label=label,
        queryset_fn=queryset_fn,
        url_fn=url_fn,
        permission=permission,
        order=order,
        limit=limit,
    )


def customer_sections(user=None):
    sections = sorted(_sections.values(), key=lambda s: (s.order, str(s.label)))
    if user is None:
        return sections
    return [section for section in sections if section.visible_to(user)]


def unregister_customer_section(label):
    _sections.pop(str(label), None)
