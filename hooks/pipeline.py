"""MkDocs' events enter here and go to the build's pipeline (build_tools/pipeline)."""

from build_tools.pipeline import Pipeline

# MkDocs loads this module once per process and calls it for every run;
# the pipeline starts a new run for each loaded mkdocs.yml.
pipeline = Pipeline()

on_startup = pipeline.on_startup
on_config = pipeline.on_config
on_pre_build = pipeline.on_pre_build
on_files = pipeline.on_files
on_nav = pipeline.on_nav
on_page_markdown = pipeline.on_page_markdown
on_page_content = pipeline.on_page_content
on_env = pipeline.on_env
on_page_context = pipeline.on_page_context
on_post_page = pipeline.on_post_page
on_post_template = pipeline.on_post_template
on_post_build = pipeline.on_post_build
