"""Public form pages, one module each (see forms/pages/)."""

from .pages.complaint import ComplaintFormPage
from .pages.consultation import ConsultationFormPage
from .pages.suggestion import SuggestionFormPage

__all__ = ["ComplaintFormPage", "ConsultationFormPage", "SuggestionFormPage"]
