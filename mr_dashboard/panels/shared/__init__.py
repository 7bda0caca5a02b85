"""Page parts the panels share (no panel of its own): the launch steps'
draft, template source, parameters form and view bases, the one builder of
a stack page's URL, a region missing from a page. A panel imports these,
never another panel; nothing here imports a panel."""
