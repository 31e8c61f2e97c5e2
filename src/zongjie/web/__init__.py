"""`zongjie serve`: a local web page over the same pipeline, workspace, linter and export as the CLI — fill in
or paste notes, watch the draft, see where each number comes from, redo a section, download Word."""
