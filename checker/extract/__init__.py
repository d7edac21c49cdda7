"""The NLP pass: numeric assertions out of documents.

``extract`` runs a cheap text grammar over every sentence and the spaCy pipeline only
over sentences that hold a candidate figure; see ``grammar`` for what counts as an
assertion and how hedges become intervals.
"""

from checker.extract.pipeline import assertion_id, extract, load_model, model_id

__all__ = ["assertion_id", "extract", "load_model", "model_id"]
