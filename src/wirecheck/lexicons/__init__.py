"""Lexicons: the word lists wirecheck judges text with, each named, documented and sourced.

A lexicon is a module of constants (frozensets, tuples, mappings) with a docstring saying what
the words are for and where they came from; the stages import them and never keep word lists of
their own.  Lexicons so far:

- :mod:`wirecheck.lexicons.english`: closed word classes of English grammar (determiners, modal
  verbs, participle endings), written by hand.

Word lists still living beside their stage (to move here): ``extract/lexicon.py`` (titles,
speech verbs, place nouns, outlets), ``clean/vocabulary.py`` (page furniture), the tables of
``compare/`` and ``report/``, and the data files ``data/given_names.tsv``,
``data/spinner_substitutions.tsv`` and ``compare/data/places.tsv`` (their sources are in their
headers).
"""
