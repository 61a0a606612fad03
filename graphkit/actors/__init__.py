"""Actors: the gazetteer of states, organisations, groups and persons, and the resolver over it."""
from .gazetteer import Gazetteer, load_gazetteer
from .resolver import Resolver, Span

__all__ = ["Gazetteer", "Resolver", "Span", "load_gazetteer"]
