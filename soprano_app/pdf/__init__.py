"""Printable documents (ReportLab)."""
