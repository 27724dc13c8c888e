"""The hostile-input corpus and the fuzz seeds, both built at test time (nothing binary is committed)."""
