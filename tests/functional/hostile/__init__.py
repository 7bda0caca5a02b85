"""The hostile-input corpus (issue 19): inputs an ordinary member of a
project, or another cloud, could send to take Horizon down, sent to the
running demo Horizon (gunicorn) through its real pages over HTTP.

Every case must leave every worker alive, come back as a page with a clear
message within its budget, and grow no worker by more than the bound
(harness.py: how each is measured, and the budgets). cases.py lists the
cases by class, payloads.py builds their bytes, servers.py answers the
outbound ones on 127.0.0.1; ``benchmarks/hostile.py`` prints the figures.
"""
