"""The audit trail: writing an event for every change, and reading it back for the coordinator."""
