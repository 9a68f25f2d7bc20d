# METADATA
# title: EBS volume not encrypted
# description: >-
#   Checks every EBS volume the configuration creates or describes: aws_ebs_volume, the
#   root_block_device and ebs_block_device blocks of aws_instance and aws_launch_configuration,
#   and the ebs block of every block_device_mappings entry of aws_launch_template; in
#   CloudFormation AWS::EC2::Volume and the Ebs of every BlockDeviceMappings entry of
#   AWS::EC2::Instance, AWS::AutoScaling::LaunchConfiguration and AWS::EC2::LaunchTemplate
#   (Encrypted). A volume fails
#   when `encrypted` is false, or not set while the volume is not created from a snapshot (whose
#   encryption it would inherit). Nothing is reported when the document enables EBS encryption
#   by default (aws_ebs_encryption_by_default), since every new volume is then encrypted; an
#   instance without a root_block_device block is not reported (its root volume follows the
#   AMI's snapshot and the account default). Unknown settings are skipped. (CIS AWS Foundations
#   2.2.1 is the account-level default encryption setting, so this per-volume check maps to no
#   CIS control.)
# custom:
#   id: RMP-AWS-EBS-001
#   severity: medium
#   category: Data
#   risk: >-
#     The volume's data, and every snapshot and AMI made from it, are stored unencrypted: a
#     snapshot shared by mistake, copied to another account or restored by someone with snapshot
#     permissions exposes the whole disk, with no KMS key policy in the way.
#   remediation: >-
#     Set encrypted = true (and kms_key_id to a customer-managed key) on the volume or block
#     device, and enable aws_ebs_encryption_by_default in every region. Existing volumes are
#     encrypted by copying a snapshot with encryption and replacing the volume.
#   references:
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_ebs_volume, aws_instance, aws_launch_configuration, aws_launch_template, "AWS::EC2::Volume", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"]
package rampart.aws.ebs.volume_unencrypted

import data.rampart.lib.aws.ebs

deny contains result if {
	some v in ebs.volumes
	not ebs.encryption_by_default
	v.encrypted_known
	v.encrypted != true
	not _from_snapshot(v)
	result := object.union(
		{
			"msg": sprintf("%s is not encrypted (%s).", [_name(v), _why(v)]),
			"resource": v.resource.address,
		},
		_attribute(v),
	)
}

# not set, created from a snapshot: the snapshot decides
_from_snapshot(v) if {
	v.encrypted == null
	v.snapshot_id != null
}

_attribute(v) := {"attribute": v.encrypted_attribute} if v.encrypted == false

else := {"attribute": v.attribute} if count(v.attribute) > 0

else := {}

_name(v) := sprintf("EBS volume %s", [v.resource.address]) if v.kind == "volume"

else := sprintf("The %s of %s", [_block(v), v.resource.address])

_block(v) := sprintf("block device mapping %d", [v.index]) if v.kind in {"launch_template", "block_device_mapping"}

else := sprintf("%s %d", [v.kind, v.index])

_why(v) := sprintf("%s = false", [_setting(v)]) if v.encrypted == false

else := sprintf("%s is not set", [_setting(v)])

# the setting's name as the source writes it (encrypted, Encrypted)
_setting(v) := v.encrypted_attribute[count(v.encrypted_attribute) - 1]
