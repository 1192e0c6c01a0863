"""Privacy by design: the register of processing, access on request, erasure and retention."""
