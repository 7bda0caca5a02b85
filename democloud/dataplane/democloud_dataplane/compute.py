"""nova-compute with a fake virt driver that survives restarts (demo cloud only).

Nova's ``fake.FakeDriver`` invents a node uuid in each process, so a second
start on the same database fails ("No local node identity found"), and it
forgets its instances, so Nova's power-state sync would stop them.
``FakeDriverWithoutFakeNodes`` keeps the node uuid in ``state_path``; this
subclass also keeps its instances there. Nova loads drivers only from the
``nova.virt`` package, so :func:`main` registers this module as
``nova.virt.democloud`` before running Nova's own nova-compute:
``compute_driver = democloud.PersistentFakeDriver``.
"""
from nova.cmd import compute as nova_compute  # first: it patches the standard library

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

import nova.conf  # noqa: E402
from nova.virt import fake  # noqa: E402

CONF = nova.conf.CONF
INSTANCES_FILE = "fake-instances.json"


class PersistentFakeDriver(fake.FakeDriverWithoutFakeNodes):
    """A fake single-node driver whose node uuid and instances outlive the process."""

    def _file(self) -> str:
        return os.path.join(CONF.state_path, INSTANCES_FILE)

    def _save(self) -> None:
        data = {uuid: {"name": i.name, "state": i.state} for uuid, i in self.instances.items()}
        tmp = self._file() + ".tmp"
        with open(tmp, "w") as f:
            json.dump(data, f)
        os.replace(tmp, self._file())

    def init_host(self, host):
        super().init_host(host)
        if os.path.exists(self._file()):
            with open(self._file()) as f:
                for uuid, i in json.load(f).items():
                    self.instances[uuid] = fake.FakeInstance(i["name"], i["state"], uuid)

    def spawn(self, *args, **kwargs):
        super().spawn(*args, **kwargs)
        self._save()

    def destroy(self, *args, **kwargs):
        super().destroy(*args, **kwargs)
        self._save()

    def power_off(self, *args, **kwargs):
        super().power_off(*args, **kwargs)
        self._save()

    def power_on(self, *args, **kwargs):
        super().power_on(*args, **kwargs)
        self._save()


def main():
    """Nova's nova-compute, with this module importable as ``nova.virt.democloud``."""
    sys.modules["nova.virt.democloud"] = sys.modules[__name__]
    sys.argv[0] = "nova-compute"
    return nova_compute.main()
