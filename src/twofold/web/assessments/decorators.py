"""Cross-cutting behaviour of views, stacked as decorators."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.http import HttpRequest, HttpResponseBase

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def private_link(referrer_policy: str = "no-referrer") -> Callable[[View], View]:
    """Headers for pages reached through a secret link (a respond or report token).

    The page is kept out of search engines and shared caches, is not stored by
    the browser, and the link is never sent on as a Referer to another site.

    Parameters
    ----------
    referrer_policy
        ``no-referrer`` for pages without forms. Pages that post forms need
        ``same-origin``: under ``no-referrer`` browsers send ``Origin: null``
        with a POST, which Django's CSRF check rightly refuses.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Cache-Control"] = "private, no-store"
            response["Referrer-Policy"] = referrer_policy
            return response

        return wrapper  # type: ignore[return-value]

    return decorator
