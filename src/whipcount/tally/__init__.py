"""whipcount.tally."""
