"""Views assembled once for every interface: profile, timeline, map and graph."""
