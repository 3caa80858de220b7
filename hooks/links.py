"""Hook: fail the build on a link to a missing page or section, naming file and line."""

from build_tools import links, site
from build_tools.errors import ContentError, Problem, display_path


# Collect the page's links with their lines in the source file.
def on_page_markdown(markdown, page, config, files):
    state = site.state(config)
    raw = state.source_text(page.file)
    found = [link for link in links.find_links(raw) if link.is_internal]
    state.links[page.file.src_uri] = (page, found)
    return markdown


# All pages of this language are rendered: check every link and anchor
# before anything is written.
def on_env(env, config, files):
    state = site.state(config)
    problems = []
    for src_uri, (page, found) in sorted(state.links.items()):
        shown = display_path(page.file.abs_src_path, state.root)
        for link in found:
            target_uri = links.resolve(link, src_uri)
            target = page.file if target_uri is None else files.get_file_from_path(target_uri)
            if target is None:
                problems.append(Problem(shown, link.line, f"(language: {state.lang}) the link '{link.target}' points to a page that does not exist"))
                continue
            if link.anchor and target.page is not None:
                ids = set(getattr(target.page, "present_anchor_ids", ()) or ()) | links.anchors_in(target.page.content)
                if link.anchor not in ids:
                    where = display_path(target.abs_src_path, state.root)
                    problems.append(Problem(shown, link.line, f"(language: {state.lang}) the link '{link.target}' points to a section '#{link.anchor}' that does not exist in {where}"))
    state.links.clear()
    if problems:
        raise ContentError(problems)
    return env
