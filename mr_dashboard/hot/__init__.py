"""Heat templates, handled on the dashboard's side: no cloud calls here.

``parse`` reads templates and environments (YAML errors with line and
column), ``bundle`` unpacks uploaded folders and archives safely,
``resolve`` builds the ``files`` map Heat needs, ``children`` finds every
``OS::Heat::Stack`` and the region it will run in, and ``params`` turns a
template's parameters into form fields.
"""
