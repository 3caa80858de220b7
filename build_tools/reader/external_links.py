"""Python-Markdown extension: external links never pass on who sent the reader.

`rel="noopener noreferrer"` keeps the site that a worker opens from learning
which guide they came from, and from controlling our tab.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

REL = "noopener noreferrer"


def is_external(href: str) -> bool:
    return href.lower().startswith(("http://", "https://", "//"))


class ExternalLinksTreeprocessor(Treeprocessor):
    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                tokens = set((link.get("rel") or "").split()) | set(REL.split())
                link.set("rel", " ".join(sorted(tokens)))


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ExternalLinksTreeprocessor(md), "derechos_external_links", 0)


def makeExtension(**kwargs) -> ExternalLinksExtension:  # noqa: N802 - Python-Markdown's name
    return ExternalLinksExtension(**kwargs)
