"""Student placement: who may help where, the problem from the database, storing the answer."""
