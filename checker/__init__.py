"""checker: find the figures news sources disagree on, and the sources a machine wrote.

>>> import checker
>>> audit = checker.audit(["seeds"])            # doctest: +SKIP
>>> audit.groups_frame()                         # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Assertion", "Audit", "Document", "Group", "__version__", "audit", "extract"]

if TYPE_CHECKING:
    from checker.api import audit, extract
    from checker.model import Assertion, Audit, Document, Group


def __getattr__(name: str) -> Any:
    """Lazy re-exports: ``import checker`` stays cheap (no spaCy) until you call into it."""
    if name == "audit":
        from checker import api

        return api.audit
    if name == "extract":  # the subpackage, which is callable as the API function
        import checker.extract as extract_module

        return extract_module
    if name in ("Assertion", "Audit", "Document", "Group"):
        from checker import model

        return getattr(model, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
