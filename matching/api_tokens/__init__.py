"""API tokens: issuing, checking, revoking and rate limiting them; idempotent API writes."""
