"""Signing in safely (OWASP ASVS level 2): login throttling shared by every worker, sessions
revocable on the server, the password policy, password resets by single-use tokens, and
two-factor sign-in with an authenticator app (TOTP)."""
