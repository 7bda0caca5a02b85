"""The Stacks panel: the project's stacks of every region on one page."""
