"""whipcount.storage."""
