"""Demo data for Kansrijk Match: synthetic people in Utrecht's real districts and postcodes.

``seed_database(session, size=..., seed=..., as_of=...)`` fills an empty database, the same
for the same seed and as-of date; ``kansrijk seed`` (``seed.cli``) runs it in one transaction.
The sizes and every assumption behind them are in ``seed/sizes.py`` and ``seed/README.md``.
"""

from seed.generate import SeedError, SeedReport, seed_database
from seed.sizes import SIZES, SeedSize

__all__ = ["SIZES", "SeedError", "SeedReport", "SeedSize", "seed_database"]
