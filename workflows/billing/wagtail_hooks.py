from wagtail.snippets.models import register_snippet

from .viewsets import BillingGroup

register_snippet(BillingGroup)
