from django_tasks import task

from .notifications import deliver


@task()
def deliver_message(message_id):
    """Deliver one outbox message (background worker in production, inline in development)."""
    return deliver(message_id)


@task()
def check_import(pending_id):
    """Read and check a large uploaded file; its status page shows the progress and the preview."""
    from .imports.background import check_pending

    check_pending(pending_id)


@task()
def apply_import(pending_id, apply_updates=False):
    """Save a checked file, all rows or none."""
    from .imports.background import apply_pending

    apply_pending(pending_id, apply_updates=apply_updates)
