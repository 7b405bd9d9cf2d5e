"""whipcount.io."""
