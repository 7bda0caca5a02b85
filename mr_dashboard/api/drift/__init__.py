"""Drift: what changed outside Heat in a stack's whole tree, every region
and cloud, compared with what the templates say (docs/drift.md).

:func:`detect_drift` (``detect``) takes the user's request and a walked
:class:`~mr_dashboard.api.tree.nodes.StackTree` and returns a
:class:`DriftReport` (``report``); ``kinds`` says which Heat types are
compared, one module per service (``nova``, ``neutron``, ``vpn``,
``cinder``) how, following Heat's own converge; ``expected`` resolves the
properties the templates give; ``rules`` compares them.
"""

from mr_dashboard.api.drift.detect import MAX_READS
from mr_dashboard.api.drift.detect import detect_drift
from mr_dashboard.api.drift.report import DELETED
from mr_dashboard.api.drift.report import DRIFTED
from mr_dashboard.api.drift.report import DriftReport
from mr_dashboard.api.drift.report import IN_SYNC
from mr_dashboard.api.drift.report import MODIFIED
from mr_dashboard.api.drift.report import NOT_CHECKED
from mr_dashboard.api.drift.report import NOT_KNOWN
from mr_dashboard.api.drift.report import PropertyDiff
from mr_dashboard.api.drift.report import RegionDrift
from mr_dashboard.api.drift.report import ResourceDrift
from mr_dashboard.api.drift.report import STATUSES
from mr_dashboard.api.drift.report import StackDrift

__all__ = ["DELETED", "DRIFTED", "DriftReport", "IN_SYNC", "MAX_READS",
           "MODIFIED", "NOT_CHECKED", "NOT_KNOWN", "PropertyDiff",
           "RegionDrift", "ResourceDrift", "STATUSES", "StackDrift",
           "detect_drift"]
