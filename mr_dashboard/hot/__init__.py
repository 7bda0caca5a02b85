"""Heat templates, handled on the dashboard's side: no cloud calls here.

``parse`` reads templates and environments (YAML errors with line and
column), ``bundle`` unpacks uploaded folders and archives safely,
``resolve`` builds the ``files`` map Heat needs, ``context`` is the one
reader of an ``OS::Heat::Stack``'s context (region, cloud, TLS options),
``children`` finds every ``OS::Heat::Stack`` at any depth and the region it
will run in, ``feeds`` which resources feed which stacks, ``params`` turns a
template's parameters into form fields and ``targets`` tells which region's
list each picker shows.
"""
