"""Decisions on proposals: the proposal → match → ended lifecycle, review lists, bulk approval."""
