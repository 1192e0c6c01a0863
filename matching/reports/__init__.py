"""Figures for the coordinator: the dashboard, coverage over time, who stays unmatched."""
