"""`python -m graphkit ...` is the `graphkit` command."""
from .cli import main

main(prog_name="graphkit")
