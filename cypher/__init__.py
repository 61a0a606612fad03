"""graphkit's Cypher files as package data: schema.cypher and the named queries (queries/).

This folder is installed as the package `graphkit.cypher` (setup.py maps it), so that an
installed graphkit reads them with importlib.resources: `resources.files("graphkit.cypher")`.
"""
