# AWS adapter library: EBS volumes (not a rule: no METADATA, no deny).
#
# volumes[[address, path]] is one entry per EBS volume a resource creates or describes:
#   - aws_ebs_volume (path "");
#   - root_block_device and ebs_block_device blocks of aws_instance and aws_launch_configuration
#     (path "root_block_device.0", ...);
#   - the `ebs` block of each block_device_mappings entry of aws_launch_template
#     (path "block_device_mappings.<i>.ebs.0"; mappings without `ebs` are instance store);
#   - CloudFormation: AWS::EC2::Volume (path ""), the `Ebs` of each BlockDeviceMappings entry
#     of AWS::EC2::Instance and AWS::AutoScaling::LaunchConfiguration
#     (path "BlockDeviceMappings.<i>.Ebs") and of AWS::EC2::LaunchTemplate
#     (path "LaunchTemplateData.BlockDeviceMappings.<i>.Ebs").
#
# Fields of an entry:
#   resource              the resource holding the volume
#   attribute             path of the volume inside resource.config ([] for aws_ebs_volume)
#   kind                  "volume", "root_block_device", "ebs_block_device",
#                         "block_device_mapping" (CloudFormation instances and launch
#                         configurations) or "launch_template"
#   index                 the position of the block or mapping in its list (null for volumes)
#   encrypted_attribute   path of its `encrypted` setting
#   encrypted             true or false when set and known, null when not set (unencrypted
#                         unless a snapshot or the region's default encryption decides);
#                         string values "true"/"false" are converted
#   encrypted_known       false when the setting is unknown (then encrypted is null too)
#   snapshot_id           the snapshot the volume is created from, null when none; "unknown"
#                         when it is set to a value that cannot be known
package rampart.lib.aws.ebs

import data.rampart.lib.aws.util

_tf := {"encrypted": "encrypted", "snapshot": "snapshot_id"}

_cfn := {"encrypted": "Encrypted", "snapshot": "SnapshotId"}

# volumes of aws_ebs_volume
volumes[[addr, ""]] := _entry(r, [], "volume", null, _tf) if {
	util.terraform
	some addr, r in util.of_type("aws_ebs_volume")
}

# root and EBS block devices of instances and launch configurations
volumes[[addr, util.path_string([field, i])]] := _entry(r, [field, i], field, i, _tf) if {
	util.terraform
	some t in {"aws_instance", "aws_launch_configuration"}
	some addr, r in util.of_type(t)
	some field in ["root_block_device", "ebs_block_device"]
	some i, block in object.get(r.config, field, [])
	is_object(block)
}

# EBS mappings of launch templates
volumes[[addr, util.path_string(path)]] := _entry(r, path, "launch_template", i, _tf) if {
	util.terraform
	some addr, r in util.of_type("aws_launch_template")
	some i, mapping in object.get(r.config, "block_device_mappings", [])
	is_object(mapping)
	some j, ebs in object.get(mapping, "ebs", [])
	is_object(ebs)
	path := ["block_device_mappings", i, "ebs", j]
}

# CloudFormation: AWS::EC2::Volume
volumes[[addr, ""]] := _entry(r, [], "volume", null, _cfn) if {
	util.cloudformation
	some addr, r in util.of_type("AWS::EC2::Volume")
}

# CloudFormation: EBS mappings of instances, launch configurations and launch templates
# (mappings without Ebs are instance store volumes or NoDevice)
volumes[[addr, util.path_string(path)]] := _entry(r, path, kind, i, _cfn) if {
	util.cloudformation
	some t, spec in _cfn_mappings
	some addr, r in util.of_type(t)
	some i, mapping in object.get(r.config, spec.list, [])
	is_object(mapping)
	is_object(mapping.Ebs)
	path := array.concat(spec.list, [i, "Ebs"])
	kind := spec.kind
}

_cfn_mappings := {
	"AWS::EC2::Instance": {"list": ["BlockDeviceMappings"], "kind": "block_device_mapping"},
	"AWS::AutoScaling::LaunchConfiguration": {"list": ["BlockDeviceMappings"], "kind": "block_device_mapping"},
	"AWS::EC2::LaunchTemplate": {"list": ["LaunchTemplateData", "BlockDeviceMappings"], "kind": "launch_template"},
}

_entry(r, path, kind, index, names) := {
	"resource": r,
	"attribute": path,
	"kind": kind,
	"index": index,
	"encrypted_attribute": array.concat(path, [names.encrypted]),
	"encrypted": object.get(setting, "value", null),
	"encrypted_known": setting != {},
	"snapshot_id": _snapshot(r, array.concat(path, [names.snapshot])),
} if {
	setting := _setting(r, array.concat(path, [names.encrypted]))
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
	some r in util.of_type("aws_ebs_encryption_by_default")
	util.bool_setting(r, ["enabled"]) != false
}
