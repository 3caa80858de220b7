"""The build's steps in order (``Pipeline``) and its state (``state``)."""

from build_tools.pipeline.pipeline import Pipeline, state_of

__all__ = ["Pipeline", "state_of"]
