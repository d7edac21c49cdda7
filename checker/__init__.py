"""checker: find the figures news sources disagree on, and the sources a machine wrote."""

from __future__ import annotations

__version__ = "0.1.0"
