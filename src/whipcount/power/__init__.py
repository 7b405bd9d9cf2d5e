"""whipcount.power."""
