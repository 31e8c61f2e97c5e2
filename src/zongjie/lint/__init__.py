"""The linter: the writing guidelines as rules, plus number fidelity against the facts."""
