"""One module per API version; each owns its routes and the shapes of its bodies."""
