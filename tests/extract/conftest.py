"""One spaCy model per test session; a helper that extracts from a single sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checker.extract import extract, load_model
from checker.model import Assertion, Document
from checker.tables import default_qualifiers


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def quals():
    return default_qualifiers()


@pytest.fixture(scope="session")
def ext(nlp, quals) -> Callable[[str], list[Assertion]]:
    def run(text: str) -> list[Assertion]:
        return extract([Document(id="t", text=text)], quals, nlp)

    return run
