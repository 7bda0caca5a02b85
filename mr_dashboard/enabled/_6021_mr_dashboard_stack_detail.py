# Scripts and styles of one stack's detail page (the Stacks panel's detail/
# folder): the live stack tree, its picture and its events' timeline, drawn
# with Horizon's d3.
# Needs _6020_mr_dashboard_stacks.py, which adds the Stacks panel.

# Neither a dashboard nor a panel: Horizon reads a file like this one for
# its scripts and styles only when it names a FEATURE.
FEATURE = True

# Each script does nothing on other pages; the picture's comes first so it
# listens before the tree's first answer.
ADD_JS_FILES = [
    "mr_dashboard/js/mr_dashboard.stack_topology.js",
    "mr_dashboard/js/mr_dashboard.stack_tree.js",
    "mr_dashboard/js/mr_dashboard.stack_timeline.js",
]

ADD_SCSS_FILES = [
    "mr_dashboard/scss/stack_detail.scss",
]
