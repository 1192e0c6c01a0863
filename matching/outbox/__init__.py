"""The mail outbox: queued in the caller's transaction, sent later, its state shown."""
