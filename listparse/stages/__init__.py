"""The pipeline stages, one module each, in the order :mod:`listparse.pipeline` runs them."""
