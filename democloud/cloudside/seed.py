"""Seed every region's IaaS: images, flavors, the external network ``public``, a keypair for demo.

Idempotent (it looks everything up by name first). Regions differ on purpose:
each has its own image name (the blueprint's "regions <-> images" mapping),
its own public subnet, and RegionOne holds enough extra images and flavors
that a listing at a small page size needs several pages. The second cloud's
RegionOne (the plan's ``cloud`` set) has its own image and two flavors only,
so a test tells the clouds apart.
Usage: python seed.py PLAN.json SEED_DIR [REGION...] (default: every region of the plan).
"""
import concurrent.futures
import json
import os
import pathlib
import sys

import openstack
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

# The image of each region (a few-KB raw disk: the fake virt driver boots anything).
REGION_IMAGES = {"RegionOne": "ubuntu-regionone", "RegionTwo": "debian-regiontwo",
                 "RegionThree": "fedora-regionthree", "RegionFour": "alpine-regionfour",
                 "RegionFive": "centos-regionfive"}
# name: (vcpus, ram MiB, disk GiB); Nova refuses a zero disk to non-admins (no volumes here)
FLAVORS = {"m1.tiny": (1, 64, 1), "m1.small": (1, 512, 1), "m1.medium": (2, 1024, 2)}
SECOND_CLOUD_IMAGE = "rocky-cloudb"
SECOND_CLOUD_FLAVORS = ("m1.tiny", "m1.small")
SECOND_CLOUD_SUBNET = 9  # public-subnet 172.24.13.0/24 (the main cloud's start at .4)
PAGING_COUNT = 30  # extra images and flavors in the first region: several pages at limit=10
KEY_NAME = "demo-key"
IMAGE_BYTES = b"\0" * 4096


def connect(plan, region, user="admin", project="admin"):
    return openstack.connection.Connection(
        auth_url=plan["auth_url"], username=user, password=plan[f"{user}_password"],
        project_name=project,
        user_domain_id="default", project_domain_id="default", region_name=region,
        identity_interface="public")


def ensure_image(conn, name):
    if conn.image.find_image(name) is None:
        conn.image.create_image(name=name, disk_format="raw", container_format="bare",
                                visibility="public", data=IMAGE_BYTES)


def ensure_flavor(conn, name, vcpus, ram, disk):
    if conn.compute.find_flavor(name) is None:
        conn.compute.create_flavor(name=name, vcpus=vcpus, ram=ram, disk=disk, is_public=True)


def ensure_public_network(conn, index):
    net = conn.network.find_network("public")
    if net is None:
        net = conn.network.create_network(
            name="public", is_router_external=True, is_shared=True,
            provider_network_type="flat", provider_physical_network="public")
    if conn.network.find_subnet("public-subnet") is None:
        prefix = f"172.24.{4 + index}"
        conn.network.create_subnet(
            name="public-subnet", network_id=net.id, ip_version=4, cidr=f"{prefix}.0/24",
            gateway_ip=f"{prefix}.1", is_dhcp_enabled=False,
            allocation_pools=[{"start": f"{prefix}.10", "end": f"{prefix}.250"}])


def ensure_keypair(conn, key):
    """The connection's user holds ``KEY_NAME`` (the public ``key``) in its region."""
    if conn.compute.find_keypair(KEY_NAME) is None:
        conn.compute.create_keypair(name=KEY_NAME, public_key=key)


def public_key(seed_dir: pathlib.Path) -> str:
    """The demo's SSH key, made once here (private half kept in SEED_DIR, owner only)."""
    seed_dir.mkdir(parents=True, exist_ok=True)
    private = seed_dir / KEY_NAME
    if not private.exists():
        key = ed25519.Ed25519PrivateKey.generate()
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.OpenSSH,
                                      serialization.NoEncryption()))
    key = serialization.load_ssh_private_key(private.read_bytes(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                         serialization.PublicFormat.OpenSSH).decode()


def seed_region(plan, index, region, key):
    second = bool(plan["cloud"])
    image = SECOND_CLOUD_IMAGE if second else REGION_IMAGES[region]
    admin = connect(plan, region)
    ensure_image(admin, image)
    for name, sizes in FLAVORS.items():
        if not second or name in SECOND_CLOUD_FLAVORS:
            ensure_flavor(admin, name, *sizes)
    if index == 0 and not second:
        for n in range(1, PAGING_COUNT + 1):
            ensure_image(admin, f"tiny-image-{n:02d}")
            ensure_flavor(admin, f"tiny.{n:02d}", 1, 32, 1)
    ensure_public_network(admin, SECOND_CLOUD_SUBNET if second else index)
    ensure_keypair(connect(plan, region, "demo", "demo"), key)
    print(f"seeded {plan['cloud'] or 'the cloud'}'s {region}: image {image}")


def main(plan, seed_dir, only):
    key = public_key(seed_dir)
    todo = [(i, r) for i, r in enumerate(plan["regions"]) if not only or r in only]
    with concurrent.futures.ThreadPoolExecutor(len(todo)) as pool:
        jobs = [pool.submit(seed_region, plan, index, region, key) for index, region in todo]
        for job in jobs:
            job.result()


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        main(json.load(f), pathlib.Path(sys.argv[2]), sys.argv[3:])
