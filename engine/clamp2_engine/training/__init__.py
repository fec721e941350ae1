"""Training of bundled models: corpus, descriptions, contrastive training, evaluation.

Needs the ``[train]`` extra (music21 for its corpus and score parsing) and,
for speed, Debian's ``abcmidi``.  Nothing here is imported by the app at run time.
"""
