"""The command line: thin commands that call the pipeline and turn domain errors into messages."""
