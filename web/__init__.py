"""The web layer: app factory, blueprints per user, the ``kansrijk`` CLI group."""
