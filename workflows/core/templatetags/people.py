"""`{{ user|person }}`: a person in a template (a print, a panel) by full name, not username."""

from django import template

from ..people import person_name

register = template.Library()


@register.filter
def person(user):
    return person_name(user)
