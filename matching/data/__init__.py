"""Package data: Utrecht's districts, postcodes, languages and district map (see README.md)."""
