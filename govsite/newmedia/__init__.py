"""Government new-media accounts (政务新媒体): the registry of each department (SPEC 7)."""
