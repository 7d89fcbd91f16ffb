"""Deprecation helpers (private): keep an old spelling working for one release.

:func:`keyword_only` wraps a function whose arguments after the graph became
keyword-only: a call that still passes them by position gets the same result
and a :class:`FutureWarning` that shows the new spelling. The wrapper keeps the
new signature for :func:`inspect.signature`, ``help()`` and the documentation.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

__all__: list[str] = []

F = TypeVar("F", bound=Callable[..., Any])


def keyword_only(*names: str) -> Callable[[F], F]:
    """Accept ``names`` (now keyword-only) by position, in this order, with a FutureWarning.

    Parameters
    ----------
    *names : str
        The arguments that used to follow the positional ones, in their old
        order; each must be keyword-only in the decorated function.

    Examples
    --------
    >>> import warnings
    >>> @keyword_only("attr")
    ... def groups(G, *, attr="sector"):
    ...     return attr
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     groups("G", "dept")
    'dept'
    >>> print(caught[0].message)
    groups(..., attr=...): passing 'attr' by position is deprecated and will stop working in the next release; pass it by name: groups(G, attr='dept')
    >>> import inspect; print(inspect.signature(groups))
    (G, *, attr='sector')
    """

    def decorate(func: F) -> F:
        params = inspect.signature(func).parameters
        positional = [p.name for p in params.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        for name in names:
            if name not in params or params[name].kind is not inspect.Parameter.KEYWORD_ONLY:
                raise TypeError(f"{func.__qualname__}: {name!r} is not a keyword-only argument")
        n_positional = len(positional)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) <= n_positional:
                return func(*args, **kwargs)
            extra = args[n_positional:]
            if len(extra) > len(names):
                raise TypeError(f"{func.__name__}() takes {n_positional} positional "
                                f"argument{'s' if n_positional != 1 else ''} but {len(args)} were given")
            moved = dict(zip(names[:len(extra)], extra, strict=True))
            for name in moved:
                if name in kwargs:
                    raise TypeError(f"{func.__name__}() got multiple values for argument {name!r}")
            spelled = ", ".join(f"{name}={value!r}" for name, value in moved.items())
            old = ", ".join(f"{name}=..." for name in moved)
            quoted = ", ".join(repr(name) for name in moved)
            first = ", ".join(positional)
            warnings.warn(
                f"{func.__name__}(..., {old}): passing {quoted} by position is deprecated and "
                f"will stop working in the next release; pass {'it' if len(moved) == 1 else 'them'} by name: "
                f"{func.__name__}({first}, {spelled})",
                FutureWarning, stacklevel=2)
            return func(*args[:n_positional], **moved, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
