"""The NLP pass: numeric assertions out of documents.

``extract`` runs a cheap text grammar over every sentence and the spaCy pipeline only
over sentences that hold a candidate figure; see ``grammar`` for what counts as an
assertion and how hedges become intervals.
"""

import sys
import types
from typing import Any

from checker.extract.pipeline import assertion_id, extract, load_model, model_id

__all__ = ["assertion_id", "extract", "load_model", "model_id"]


class _CallableModule(types.ModuleType):
    """``checker.extract`` is this subpackage *and* the API function ``checker.extract(text_or_documents)``.

    Once the subpackage is imported, Python binds the name ``checker.extract``
    to it, hiding the function; calling the module runs ``checker.api.extract``
    so both spellings of the public API keep working.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from checker.api import extract as api_extract  # the API sits downstream; imported at call time

        return api_extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
