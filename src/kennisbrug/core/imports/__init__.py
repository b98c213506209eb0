"""Bulk import machinery shared by every kind of record: reading, columns, plans."""
