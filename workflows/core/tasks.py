from django_tasks import task

from .notifications import deliver


@task()
def deliver_message(message_id):
    """Deliver one outbox message (background worker in production, inline in development)."""
    return deliver(message_id)
