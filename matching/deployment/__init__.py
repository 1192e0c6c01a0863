"""What a production start checks in the database: no demo accounts, no demo passwords."""
