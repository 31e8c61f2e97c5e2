"""Excel 台账 in: a workbook's metrics, problems, plans, highlights and cases become a facts file."""

from zongjie.workbook.importer import Imported, import_workbook, workbook_to_facts_file

__all__ = ["Imported", "import_workbook", "workbook_to_facts_file"]
