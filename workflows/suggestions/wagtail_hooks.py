from wagtail.snippets.models import register_snippet

from .viewsets import SuggestionViewSet

register_snippet(SuggestionViewSet)
