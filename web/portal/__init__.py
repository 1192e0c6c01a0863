"""Pieces the student and organisation portals share: form fields, record errors, dates."""
