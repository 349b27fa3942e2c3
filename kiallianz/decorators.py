"""View decorators over the rules of kiallianz/permissions.py."""

from functools import wraps

from django.contrib.auth.decorators import login_required

from kiallianz.permissions import require_office


def office_required(view):
    """Office staff and admins only: anonymous users go to the login page,
    everyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_office(request.user)
        return view(request, *args, **kwargs)

    return wrapped
