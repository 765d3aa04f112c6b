"""The statutory annual information-disclosure report (SPEC 6) and its national layout."""
