# AWS adapter library: EBS volumes (not a rule: no METADATA, no deny).
#
# volumes[[address, path]] is one entry per EBS volume a resource creates or describes:
#   - aws_ebs_volume (path "");
#   - root_block_device and ebs_block_device blocks of aws_instance and aws_launch_configuration
#     (path "root_block_device.0", ...);
#   - the `ebs` block of each block_device_mappings entry of aws_launch_template
#     (path "block_device_mappings.<i>.ebs.0"; mappings without `ebs` are instance store).
#
# Fields of an entry:
#   resource              the resource holding the volume
#   attribute             path of the volume inside resource.config ([] for aws_ebs_volume)
#   kind                  "volume", "root_block_device", "ebs_block_device" or "launch_template"
#   encrypted_attribute   path of its `encrypted` setting
#   encrypted             true or false when set and known, null when not set (unencrypted
#                         unless a snapshot or the region's default encryption decides);
#                         launch templates' string values "true"/"false" are converted
#   encrypted_known       false when the setting is unknown (then encrypted is null too)
#   snapshot_id           the snapshot the volume is created from, null when none; "unknown"
#                         when it is set to a value that cannot be known
package rampart.lib.aws.ebs

import data.rampart.lib.aws.util

# volumes of aws_ebs_volume
volumes[[addr, ""]] := _entry(r, [], "volume") if {
	some addr, r in util.typed.aws_ebs_volume
}

# root and EBS block devices of instances and launch configurations
volumes[[addr, util.path_string([field, i])]] := _entry(r, [field, i], field) if {
	some t in {"aws_instance", "aws_launch_configuration"}
	some addr, r in util.typed[t]
	some field in ["root_block_device", "ebs_block_device"]
	some i, block in object.get(r.config, field, [])
	is_object(block)
}

# EBS mappings of launch templates
volumes[[addr, util.path_string(path)]] := _entry(r, path, "launch_template") if {
	some addr, r in util.typed.aws_launch_template
	some i, mapping in object.get(r.config, "block_device_mappings", [])
	is_object(mapping)
	some j, ebs in object.get(mapping, "ebs", [])
	is_object(ebs)
	path := ["block_device_mappings", i, "ebs", j]
}

_entry(r, path, kind) := {
	"resource": r,
	"attribute": path,
	"kind": kind,
	"encrypted_attribute": array.concat(path, ["encrypted"]),
	"encrypted": object.get(setting, "value", null),
	"encrypted_known": setting != {},
	"snapshot_id": _snapshot(r, array.concat(path, ["snapshot_id"])),
} if {
	setting := _setting(r, array.concat(path, ["encrypted"]))
}

# {"value": true|false|null} when known, {} when unknown
_setting(r, path) := {"value": v} if {
	v := util.bool_setting(r, path)
} else := {}

_snapshot(r, path) := "unknown" if {
	util.unknown(r, path)
} else := s if {
	s := object.get(r.config, path, null)
	util.literal(s)
} else := null

# encryption_by_default: the document enables EBS encryption by default (an
# aws_ebs_encryption_by_default whose `enabled` is true or left at its default, true): every new
# volume of the region is encrypted, whatever it asks for.
encryption_by_default if {
	some r in util.typed.aws_ebs_encryption_by_default
	util.bool_setting(r, ["enabled"]) != false
}
