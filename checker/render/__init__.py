"""One renderer per output format, each ``render(audit, out)``, all fed by one ``Audit``."""
