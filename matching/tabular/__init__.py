"""Tabular import and export: reading Excel's CSV files, the columns, the import and exports."""
