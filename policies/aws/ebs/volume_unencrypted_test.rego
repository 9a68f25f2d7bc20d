package rampart.aws.ebs.volume_unencrypted_test

import data.rampart.aws.ebs.volume_unencrypted as rule
import data.rampart.lib.aws.testing as t

test_volumes_in_every_kind if {
	every kind in t.kinds {
		doc := t.doc(kind, [
			t.res("aws_ebs_volume.off", {"size": 10, "encrypted": false}),
			t.res("aws_ebs_volume.unset", {"size": 10}),
			t.res("aws_ebs_volume.on", {"size": 10, "encrypted": true}),
		])
		t.hits(rule.deny) == {["aws_ebs_volume.off", ["encrypted"]], ["aws_ebs_volume.unset", null]} with input as doc
	}
}

test_instance_block_devices if {
	doc := t.tf([t.res("aws_instance.web", {
		"root_block_device": [{"volume_size": 20}],
		"ebs_block_device": [{"device_name": "/dev/sdb", "encrypted": true}, {"device_name": "/dev/sdc", "encrypted": false}],
	})])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_instance.web", ["root_block_device", 0]], ["aws_instance.web", ["ebs_block_device", 1, "encrypted"]]}
	msgs := {r.msg | some r in results}
	msgs == {
		"The root_block_device 0 of aws_instance.web is not encrypted (encrypted is not set).",
		"The ebs_block_device 1 of aws_instance.web is not encrypted (encrypted = false).",
	}
}

test_instance_without_block_device_blocks_is_not_reported if {
	count(rule.deny) == 0 with input as t.tf([t.res("aws_instance.web", {"ami": "ami-123", "instance_type": "t3.micro"})])
}

test_launch_templates_and_configurations if {
	doc := t.tf([
		t.res("aws_launch_template.lt", {"block_device_mappings": [
			{"device_name": "/dev/xvda", "ebs": [{"volume_size": 30, "encrypted": "false"}]},
			{"device_name": "/dev/xvdb", "ebs": [{"encrypted": "true"}]},
			{"device_name": "/dev/xvdc", "virtual_name": "ephemeral0"},
		]}),
		t.res("module.asg.aws_launch_configuration.lc[0]", {"root_block_device": [{"encrypted": true}], "ebs_block_device": [{"device_name": "/dev/sdf"}]}),
	])
	t.hits(rule.deny) == {
		["aws_launch_template.lt", ["block_device_mappings", 0, "ebs", 0, "encrypted"]],
		["module.asg.aws_launch_configuration.lc[0]", ["ebs_block_device", 0]],
	} with input as doc
}

test_snapshots_decide_when_encrypted_is_not_set if {
	doc := t.tf([
		t.res("aws_ebs_volume.from_snapshot", {"snapshot_id": "snap-0123"}),
		t.unknown(t.res("aws_ebs_volume.from_unknown_snapshot", {}), ["snapshot_id"]),
		t.res("aws_ebs_volume.snapshot_but_off", {"snapshot_id": "snap-0123", "encrypted": false}),
	])
	t.hits(rule.deny) == {["aws_ebs_volume.snapshot_but_off", ["encrypted"]]} with input as doc
}

test_encryption_by_default_covers_every_volume if {
	doc := t.tf([t.res("aws_ebs_volume.v", {"encrypted": false}), t.res("aws_ebs_encryption_by_default.on", {"enabled": true})])
	count(rule.deny) == 0 with input as doc
}

test_unknown_settings_are_silent if {
	doc := t.plan([
		t.unknown(t.res("aws_ebs_volume.v", {}), ["encrypted"]),
		t.unknown(t.res("aws_instance.i", {}), ["root_block_device"]),
		t.unknown(t.res("aws_instance.j", {"root_block_device": [{"volume_size": 8}]}), ["root_block_device.0.encrypted"]),
	])
	count(rule.deny) == 0 with input as doc
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_volumes if {
	doc := t.cfn([
		t.cres("Off", "AWS::EC2::Volume", {"Size": 10, "Encrypted": "false"}),
		t.cres("Unset", "AWS::EC2::Volume", {"Size": 10}),
		t.cres("On", "AWS::EC2::Volume", {"Size": 10, "Encrypted": true}),
		t.cres("FromSnapshot", "AWS::EC2::Volume", {"SnapshotId": "snap-1"}),
		t.cres("Web", "AWS::EC2::Instance", {"BlockDeviceMappings": [
			{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "Encrypted": true}},
			{"DeviceName": "/dev/sdb", "Ebs": {"VolumeSize": 100}},
			{"DeviceName": "/dev/sdc", "VirtualName": "ephemeral0"},
		]}),
		t.cres("Lt", "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": false}}]}}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {
		["Off", ["Encrypted"]],
		["Unset", null],
		["Web", ["BlockDeviceMappings", 1, "Ebs"]],
		["Lt", ["LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"]],
	}
	{r.msg | some r in results} == {
		"EBS volume Off is not encrypted (Encrypted = false).",
		"EBS volume Unset is not encrypted (Encrypted is not set).",
		"The block device mapping 1 of Web is not encrypted (Encrypted is not set).",
		"The block device mapping 0 of Lt is not encrypted (Encrypted = false).",
	}
}

test_cfn_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.unknown(t.cres("Param", "AWS::EC2::Volume", {}), ["Encrypted"]),
			t.unknown(t.cres("Mappings", "AWS::EC2::Instance", {}), ["BlockDeviceMappings"]),
			t.cres("Gone", "AWS::EC2::Volume", {"Encrypted": false}),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
