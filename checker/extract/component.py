"""``nlp.add_pipe("checker_assertions")``: the extractor as a spaCy component.

Sets ``doc._.assertions`` (records with the ``extract`` contract's fields) and
``span._.assertion`` on each figure's span. The component parses the
number-bearing sentences with its own English model (``model``; by default the
one ``checker`` loads), so it works after any pipeline, even a blank one, and
gives exactly what ``checker extract`` gives. The qualifier table comes from
the default pack, or from ``qualifiers`` (a pack YAML file) in the config, and
is saved with ``nlp.to_disk``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from checker.extract.pipeline import extract, load_model
from checker.model import Document, Qualifier, QualifierEntry
from checker.tables import default_qualifiers, qualifier_entries

FACTORY = "checker_assertions"


def _register_extensions() -> None:
    if not Doc.has_extension("assertions"):
        Doc.set_extension("assertions", default=None)
    if not Span.has_extension("assertion"):
        Span.set_extension("assertion", default=None)


def _load_table(path: str | None) -> tuple[QualifierEntry, ...]:
    if not path:
        return default_qualifiers()
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = data["qualifiers"] if isinstance(data, dict) else data
    return qualifier_entries(rows, rule=str(data.get("id", "")) if isinstance(data, dict) else "")


class AssertionComponent:
    """Adds numeric assertions to every Doc it sees."""

    def __init__(self, nlp: Language, name: str, qualifiers: str | None = None, model: str | None = None) -> None:
        _register_extensions()
        self.name = name
        self.model = model
        self.qualifiers = _load_table(qualifiers)
        self._inner: Language | None = None

    @property
    def inner(self) -> Language:
        if self._inner is None:
            self._inner = load_model(self.model)
        return self._inner

    def __call__(self, doc: Doc) -> Doc:
        found = extract([Document(id="doc", text=doc.text)], self.qualifiers, self.inner)
        records = []
        for a in found:
            record = a.to_record()
            del record["doc_id"]  # the Doc is the document
            records.append(record)
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None:
                span._.assertion = record
        doc._.assertions = records
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # serialisation: the qualifier table travels with the pipeline
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        rows = [{**asdict(q), "qualifier": q.qualifier.value} for q in self.qualifiers]
        (p / "qualifiers.json").write_text(json.dumps(rows, indent=1, sort_keys=True), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AssertionComponent:
        f = Path(path) / "qualifiers.json"
        if f.exists():
            rows = json.loads(f.read_text(encoding="utf-8"))
            self.qualifiers = tuple(QualifierEntry(**{**r, "qualifier": Qualifier(r["qualifier"])}) for r in rows)
        return self


@Language.factory(FACTORY, default_config={"qualifiers": None, "model": None}, assigns=["doc._.assertions"])
def make_component(nlp: Language, name: str, qualifiers: str | None, model: str | None) -> AssertionComponent:
    return AssertionComponent(nlp, name, qualifiers, model)
