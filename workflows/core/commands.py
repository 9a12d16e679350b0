"""Business commands: one class per command, transition or not (DESIGN.md, step 2).

In the spirit of `wagtail.actions`: a command is built with the record, the
acting user and what the user entered; `run()` opens one transaction, `check()`s
the permission (and any condition the command adds) and then `execute()`s.
Admin views, public forms, periodic jobs, imports and tests all run commands;
nothing calls a transition method directly.

A command cannot be declared without saying who may run it: `permission` (a
permission "app_label.codename", or a callable `(user, record) -> bool`) is
required, unless the command is declared `public` (a visitor's form, a
periodic job), in which case it runs without a user and refuses any staff user
without the permission it still names, if any. Transition commands take their
permission from the transition itself (`@transition(permission=...)`), and
`perform_transition` checks it again on the locked row.

Most commands are service functions decorated with `@command(...)` or
`@transition_command(...)`, which build the class; larger ones subclass
`Command` directly. Either way they land in one registry, which the system
checks (every transition has a command) and the tests (every command refuses
a user without its permission) enumerate.
"""

import functools
import inspect

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .exceptions import CommandPermissionDenied, TransitionPermissionDenied

_registry = {}
_by_transition = {}


def registry():
    """{name: command class} of every command declared in the project."""
    return dict(_registry)


def for_transition(model, name):
    """The command function that performs transition `name` of `model`, or None."""
    for klass in model.__mro__:
        found = _by_transition.get((klass, name))
        if found is not None:
            return found
    return None


def _origin(cls):
    """Where a command is written: the same declaration imported twice is one command."""
    source = cls.__dict__.get("func") or cls
    source = getattr(source, "__func__", source)
    return (source.__module__, source.__qualname__)


class Command:
    #: "app_label.verb_noun": unique in the project.
    name = None
    #: The model whose record the command acts on (or creates, with `creates`).
    model = None
    #: "app_label.codename", or a callable (user, record) -> bool.
    permission = None
    #: Runs without a user: a visitor's form or a periodic job.
    public = False
    #: The record passed in is a new, unsaved one that the command stores.
    creates = False
    #: For transition commands: the transition's name on `model`.
    transition = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name is None:  # an abstract base
            return
        if cls.model is None:
            raise ImproperlyConfigured(f"Command {cls.name} names no model.")
        if cls.permission is None and cls.transition is None and not cls.public:
            raise ImproperlyConfigured(
                f"Command {cls.name} declares no permission: say who may run it, "
                "or declare it public (a visitor's form, a periodic job)."
            )
        if cls.name in _registry and _origin(_registry[cls.name]) != _origin(cls):
            raise ImproperlyConfigured(f"Two commands are named {cls.name}.")
        _registry[cls.name] = cls

    def __init__(self, record=None, *args, user=None, **params):
        self.record = record
        self.args = args
        self.user = user
        self.params = params

    # Permission -----------------------------------------------------------

    @classmethod
    def user_may(cls, user, record=None):
        """Whether `user` may run this command on `record` (conditions aside)."""
        if user is None:
            return cls.public
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if cls.transition is not None:
            from .transitions import get_spec

            return get_spec(cls.model, cls.transition).has_perm(user, record)
        if cls.permission is None:
            return False  # a public command with no staff permission: staff may not
        if callable(cls.permission):
            return bool(cls.permission(user, record))
        return user.has_perm(cls.permission)

    def check(self):
        """Refuse a user without the permission; subclasses add their conditions.

        A transition's permission may depend on the record (its owner, its department):
        it is judged on the row as the database holds it now, not on the caller's copy,
        which may be older; `perform_transition` judges it again on the locked row.
        """
        record = self.record
        if self.transition is not None and getattr(record, "pk", None) is not None:
            record = type(record)._default_manager.get(pk=record.pk)
        if not self.user_may(self.user, record):
            refusal = (
                TransitionPermissionDenied
                if self.transition is not None
                else CommandPermissionDenied
            )
            raise refusal(f"{self.user or 'anonymous'} may not run {self.name} on {self.record!r}")

    def execute(self):
        raise NotImplementedError

    def run(self):
        with transaction.atomic():
            self.check()
            return self.execute()


class FunctionCommand(Command):
    """A command whose work is a service function (`@command`, `@transition_command`)."""

    func = None
    takes_record = True
    takes_user = True

    def execute(self):
        args = (self.record, *self.args) if self.takes_record else self.args
        if self.takes_user:
            return type(self).func(*args, user=self.user, **self.params)
        return type(self).func(*args, **self.params)


def _build(func, *, model, name, permission=None, public=False, creates=False, transition=None):
    parameters = list(inspect.signature(func).parameters.values())
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    klass = type(
        "".join(part.title() for part in func.__name__.split("_")) + "Command",
        (FunctionCommand,),
        {
            "__module__": func.__module__,
            "__doc__": func.__doc__,
            "name": name or f"{model._meta.app_label}.{func.__name__}",
            "model": model,
            "permission": permission,
            "public": public,
            "creates": creates,
            "transition": transition,
            "func": staticmethod(func),
            "takes_record": bool(positional),
            "takes_user": any(p.name == "user" for p in parameters),
        },
    )

    @functools.wraps(func)
    def run(*args, user=None, **kwargs):
        record, rest = (args[0], args[1:]) if klass.takes_record and args else (None, args)
        return klass(record, *rest, user=user, **kwargs).run()

    run.command = klass
    return run


def command(*, model, permission=None, public=False, creates=False, name=None):
    """Declare a service function as a business command that is not a transition.

    `permission` is required unless `public`; the check runs before the function,
    inside the same transaction.
    """

    def decorate(func):
        return _build(
            func, model=model, name=name, permission=permission, public=public, creates=creates
        )

    return decorate


def transition_command(model, transition, *, name=None, public=False):
    """Declare a service function as the command that performs `transition` of `model`.

    The transition's own `permission=` is checked first, and again on the
    locked row by `perform_transition`. The transition view finds the command
    here; a transition without one fails the system checks.
    """

    def decorate(func):
        run = _build(
            func,
            model=model,
            name=name or f"{model._meta.app_label}.{transition}",
            public=public,
            transition=transition,
        )
        _by_transition[(model, transition)] = run
        return run

    return decorate


def simple_transition(model, transition):
    """The command of a transition that needs nothing but a note from the user."""
    from .services import perform_transition

    def run_transition(record, *, user, expected_state=None, note=""):
        return perform_transition(
            record, transition, user=user, note=note, expected_state=expected_state
        )

    run_transition.__name__ = transition
    run_transition.__qualname__ = f"{model.__name__}.{transition}"
    run_transition.__module__ = model.__module__
    return transition_command(model, transition)(run_transition)
