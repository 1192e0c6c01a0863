"""Drawing for the pages: SVG charts and the district map, laid out on the server."""
