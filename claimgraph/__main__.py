"""`python -m claimgraph` runs the command line."""

from claimgraph.cli.main import cli

if __name__ == "__main__":
    cli()
