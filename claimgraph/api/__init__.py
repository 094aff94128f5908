"""The HTTP API: read endpoints over the store, guarded write endpoints, and `claimgraph serve`."""
