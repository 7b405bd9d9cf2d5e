"""Commands of this part (filled in as the part lands)."""
