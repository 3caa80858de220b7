"""Build logic for Derechos Claros: facts, locales, languages and links.

Everything here is plain Python with unit tests; the MkDocs hooks in
``hooks/`` only adapt these functions to MkDocs events.
"""
