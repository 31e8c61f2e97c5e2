"""Bullet notes → a facts file (`zongjie extract`, `zongjie draft NOTES.md`) and polished prose
(`zongjie polish`), without losing or inventing a number."""

from zongjie.notes.files import Extracted, extract_notes, notes_to_facts_file, write_facts

__all__ = ["Extracted", "extract_notes", "notes_to_facts_file", "write_facts"]
