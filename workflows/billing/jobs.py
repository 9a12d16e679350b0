"""The billing jobs: the billing run, then overdue invoices and the reminder ladder."""

from workflows.core.periodic import periodic_job

from . import services


@periodic_job("billing_run")
def billing_run(now=None):
    return services.run_billing(on=now.date() if now else None)


@periodic_job("billing_collections")
def billing_collections(now=None):
    return services.run_collections(on=now.date() if now else None)
