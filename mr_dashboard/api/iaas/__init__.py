"""The IaaS services of one region, through openstacksdk on the user's
session (sdk): Nova (compute), Glance (image), Neutron (network), Cinder
(block_storage), their quotas, and the launch form's listings of them
(pickers)."""
