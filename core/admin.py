"""What every admin page of the site shares."""

PATTERN_LOOKUPS = {"regex", "iregex"}


class NoPatternLookups:
    """The admin's lists take filters from the address bar (`?body__regex=...`); a
    regular expression there may backtrack for minutes in the database, for anyone who
    may view the list. Refused (a 400 page); every other filter works as before."""

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.rsplit("__", 1)[-1] in PATTERN_LOOKUPS:
            return False
        return super().lookup_allowed(lookup, value, request)
