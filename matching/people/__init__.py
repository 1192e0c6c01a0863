"""People and places as records: validation, creating and changing them, lists, scoping."""
