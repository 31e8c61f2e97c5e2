"""zongjie — drafts Chinese annual work summaries, truthfully."""

__version__ = "0.1.0"
