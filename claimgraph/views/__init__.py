"""View assemblers: the timeline, map and graph data put together once for the API and the UI."""
