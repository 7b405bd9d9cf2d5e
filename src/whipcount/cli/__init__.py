"""The ``whipcount`` command: parse, call the library, format. Library errors become one line here."""
