"""Which viewset shows which process model, so panels and reports can link to records."""

from django.urls import reverse

_viewsets = {}


def register_viewset(viewset):
    _viewsets[viewset.model] = viewset


def viewsets():
    return dict(_viewsets)


def inspect_url(record):
    viewset = _viewsets.get(type(record))
    if viewset is None:
        return ""
    return reverse(viewset.get_url_name("inspect"), args=[record.pk])


def index_url(model):
    viewset = _viewsets.get(model)
    return reverse(viewset.get_url_name("list")) if viewset else ""  # snippets name it "list"
