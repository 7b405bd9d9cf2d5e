"""whipcount.report."""
