"""Blood tests: the catalogue of test definitions and each user's results (schema blood)."""
