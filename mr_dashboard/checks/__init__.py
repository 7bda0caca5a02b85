"""What each region can run, and the checks a template passes before
anything is created.

``offers`` keeps each region's template versions and resource types in
Django's cache for a short while (shared with the Resource Types panel);
``checklist`` runs the checks of a launch in every region it touches, in
parallel.
"""
