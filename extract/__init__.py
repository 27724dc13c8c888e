"""The extraction steps, one module each: pdf → thai → tables → rows → meta → report."""
