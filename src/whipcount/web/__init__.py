"""whipcount.web."""
