"""Demo data from the 2024 interim report.

``registry`` lets each app contribute loaders from its own ``<app>/demo/``
package; ``loader`` runs them in order (``load_demo``); ``core`` loads the
regions, offers and users every other loader needs.
"""
