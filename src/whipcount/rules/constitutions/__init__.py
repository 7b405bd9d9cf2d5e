"""whipcount.rules.constitutions."""
