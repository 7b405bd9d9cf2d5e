"""whipcount.charts."""
