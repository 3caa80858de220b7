"""Build logic for Derechos Claros: facts, locales, languages and links.

Everything here is plain Python with unit tests. ``build_tools.pipeline``
runs these functions in order for MkDocs' events, which enter through
``hooks/pipeline.py``.
"""
