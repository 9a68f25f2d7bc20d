package rampart.lib.aws.ebs_test

import data.rampart.lib.aws.ebs
import data.rampart.lib.aws.testing as t

test_volume_sources if {
	doc := t.tf([
		t.res("aws_ebs_volume.v", {"size": 10, "encrypted": true}),
		t.res("aws_instance.i", {"root_block_device": [{"volume_size": 20}], "ebs_block_device": [{"device_name": "/dev/sdb", "encrypted": false}]}),
		t.res("aws_launch_template.l", {"block_device_mappings": [
			{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true"}]},
			{"device_name": "/dev/xvdb", "virtual_name": "ephemeral0"},
		]}),
		t.res("aws_launch_configuration.c", {"root_block_device": [{"encrypted": "false"}]}),
	])
	volumes := ebs.volumes with input as doc
	{k: [v.kind, v.encrypted, v.encrypted_attribute] | some k, v in volumes} == {
		["aws_ebs_volume.v", ""]: ["volume", true, ["encrypted"]],
		["aws_instance.i", "root_block_device.0"]: ["root_block_device", null, ["root_block_device", 0, "encrypted"]],
		["aws_instance.i", "ebs_block_device.0"]: ["ebs_block_device", false, ["ebs_block_device", 0, "encrypted"]],
		["aws_launch_template.l", "block_device_mappings.0.ebs.0"]: ["launch_template", true, ["block_device_mappings", 0, "ebs", 0, "encrypted"]],
		["aws_launch_configuration.c", "root_block_device.0"]: ["root_block_device", false, ["root_block_device", 0, "encrypted"]],
	}
}

test_unknown_and_snapshots if {
	doc := t.plan([
		t.unknown(t.res("aws_ebs_volume.a", {}), ["encrypted"]),
		t.res("aws_ebs_volume.b", {"snapshot_id": "snap-1"}),
		t.unknown(t.res("aws_ebs_volume.c", {}), ["snapshot_id"]),
	])
	volumes := ebs.volumes with input as doc
	a := volumes[["aws_ebs_volume.a", ""]]
	[a.encrypted_known, a.encrypted] == [false, null]
	volumes[["aws_ebs_volume.b", ""]].snapshot_id == "snap-1"
	volumes[["aws_ebs_volume.c", ""]].snapshot_id == "unknown"
}

test_encryption_by_default if {
	ebs.encryption_by_default with input as t.tf([t.res("aws_ebs_encryption_by_default.d", {})])
	ebs.encryption_by_default with input as t.state([t.res("aws_ebs_encryption_by_default.d", {"enabled": true})])
	not ebs.encryption_by_default with input as t.tf([t.res("aws_ebs_encryption_by_default.d", {"enabled": false})])
	not ebs.encryption_by_default with input as t.tf([t.unknown(t.res("aws_ebs_encryption_by_default.d", {}), ["enabled"])])
	not ebs.encryption_by_default with input as t.tf([])
}

test_cfn_volume_sources if {
	doc := t.cfn_inactive(
		[
			t.cres("Data", "AWS::EC2::Volume", {"Size": 10, "Encrypted": "false"}),
			t.cres("Restored", "AWS::EC2::Volume", {"SnapshotId": "snap-1"}),
			t.cres("Web", "AWS::EC2::Instance", {"BlockDeviceMappings": [
				{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20}},
				{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
				{"DeviceName": "/dev/sdc", "Ebs": {"Encrypted": true}},
			]}),
			t.cres("Lt", "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": "TRUE"}}]}}),
			t.cres("Lc", "AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": false}}]}),
			t.unknown(t.cres("Maybe", "AWS::EC2::Volume", {}), ["Encrypted"]),
			t.cres("Gone", "AWS::EC2::Volume", {"Encrypted": false}),
		],
		["Gone"],
	)
	volumes := ebs.volumes with input as doc
	{k: [v.kind, v.index, v.encrypted, v.encrypted_known, v.encrypted_attribute] | some k, v in volumes} == {
		["Data", ""]: ["volume", null, false, true, ["Encrypted"]],
		["Restored", ""]: ["volume", null, null, true, ["Encrypted"]],
		["Web", "BlockDeviceMappings.0.Ebs"]: ["block_device_mapping", 0, null, true, ["BlockDeviceMappings", 0, "Ebs", "Encrypted"]],
		["Web", "BlockDeviceMappings.2.Ebs"]: ["block_device_mapping", 2, true, true, ["BlockDeviceMappings", 2, "Ebs", "Encrypted"]],
		["Lt", "LaunchTemplateData.BlockDeviceMappings.0.Ebs"]: ["launch_template", 0, true, true, ["LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"]],
		["Lc", "BlockDeviceMappings.0.Ebs"]: ["block_device_mapping", 0, false, true, ["BlockDeviceMappings", 0, "Ebs", "Encrypted"]],
		["Maybe", ""]: ["volume", null, null, false, ["Encrypted"]],
	}
	volumes[["Restored", ""]].snapshot_id == "snap-1"
	volumes[["Web", "BlockDeviceMappings.0.Ebs"]].attribute == ["BlockDeviceMappings", 0, "Ebs"]
}
