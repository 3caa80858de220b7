"""Checks on contributed pages: layout and headers, unsafe HTML, links, figures typed by hand."""
