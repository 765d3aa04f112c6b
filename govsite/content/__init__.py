"""Content: discovery of the department files and the typed model of one item."""
