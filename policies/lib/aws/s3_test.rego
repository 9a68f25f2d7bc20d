package rampart.lib.aws.s3_test

import data.rampart.lib.aws.s3
import data.rampart.lib.aws.testing as t

_pab_all := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

_sse_rule := [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]

_public_policy := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]})

# a linked resource as HCL and plans give it: `bucket = aws_s3_bucket.<name>.id`, unknown
_linked(addr, bucket, config) := t.unknown(t.refs(t.res(addr, config), {"bucket": [bucket]}), ["bucket"])

test_configuration_links_by_reference if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {"bucket": "logs"}),
		_linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", _pab_all),
		_linked("aws_s3_bucket_server_side_encryption_configuration.b", "aws_s3_bucket.b", {"rule": _sse_rule}),
		_linked("aws_s3_bucket_acl.b", "aws_s3_bucket.b", {"acl": "public-read"}),
		_linked("aws_s3_bucket_policy.b", "aws_s3_bucket.b", {"policy": _public_policy}),
		_linked("aws_s3_bucket_versioning.b", "aws_s3_bucket.b", {"versioning_configuration": [{"status": "Enabled"}]}),
		_linked("aws_s3_bucket_logging.b", "aws_s3_bucket.b", {"target_bucket": "audit"}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.resource.address == "aws_s3_bucket.b"
	b.name == "logs"
	b.public_access_block.resource.address == "aws_s3_bucket_public_access_block.b"
	b.encryption.resource.address == "aws_s3_bucket_server_side_encryption_configuration.b"
	b.encryption.attribute == ["rule"]
	b.encryption.rules == [{"attribute": ["rule", 0], "algorithm": "aws:kms", "algorithm_known": true, "kms_key_id": null, "bucket_key_enabled": null}]
	b.acl == "public-read"
	b.acl_resource.address == "aws_s3_bucket_acl.b"
	b.acl_attribute == ["acl"]
	[x.statement.Principal | some x in b.policy_statements] == ["*"]
	b.policy_statements[0].resource.address == "aws_s3_bucket_policy.b"
	b.versioning == {"resource": b.versioning.resource, "attribute": ["versioning_configuration", 0, "status"], "enabled": true}
	b.versioning.resource.address == "aws_s3_bucket_versioning.b"
	b.logging.target_bucket == "audit"
	b.unknown == set()
}

test_state_links_by_name if {
	doc := t.state([
		t.res("aws_s3_bucket.b", {"bucket": "logs", "id": "logs", "arn": "arn:aws:s3:::logs", "acl": null, "policy": "", "grant": [
			{"type": "CanonicalUser", "id": "abc", "permissions": ["FULL_CONTROL"], "uri": ""},
			{"type": "Group", "id": "", "permissions": ["READ"], "uri": "http://acs.amazonaws.com/groups/global/AllUsers"},
		]}),
		t.res("aws_s3_bucket.other", {"bucket": "other", "id": "other"}),
		t.res("aws_s3_bucket_public_access_block.p", object.union(_pab_all, {"bucket": "logs", "id": "logs"})),
		t.res("aws_s3_bucket_policy.p", {"bucket": "logs", "policy": _public_policy}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.public_access_block.resource.address == "aws_s3_bucket_public_access_block.p"
	count(b.policy_statements) == 1
	[g.attribute | some g in b.grants; s3.public_grant(g)] == [["grant", 1]]
	b.acl == null
	o := s3.buckets["aws_s3_bucket.other"] with input as doc
	o.public_access_block == null
	o.policy_statements == []
}

test_count_expanded_buckets_pair_with_their_instances if {
	doc := t.plan([
		t.res("aws_s3_bucket.b[0]", {"bucket": "logs-0"}),
		t.res("aws_s3_bucket.b[1]", {"bucket": "logs-1"}),
		t.res("aws_s3_bucket.b[2]", {"bucket": "logs-2"}),
		_linked("aws_s3_bucket_public_access_block.p[0]", "aws_s3_bucket.b", _pab_all),
		_linked("aws_s3_bucket_public_access_block.p[1]", "aws_s3_bucket.b", _pab_all),
	])
	buckets := s3.buckets with input as doc
	buckets["aws_s3_bucket.b[0]"].public_access_block.resource.address == "aws_s3_bucket_public_access_block.p[0]"
	buckets["aws_s3_bucket.b[1]"].public_access_block.resource.address == "aws_s3_bucket_public_access_block.p[1]"
	buckets["aws_s3_bucket.b[2]"].public_access_block == null
}

test_module_prefixed_buckets if {
	doc := t.tf([
		t.res("module.logs.aws_s3_bucket.this", {"bucket": "logs"}),
		t.res("module.data.aws_s3_bucket.this", {"bucket": "data"}),
		_linked("module.logs.aws_s3_bucket_server_side_encryption_configuration.this", "module.logs.aws_s3_bucket.this", {"rule": _sse_rule}),
	])
	buckets := s3.buckets with input as doc
	buckets["module.logs.aws_s3_bucket.this"].encryption.resource.address == "module.logs.aws_s3_bucket_server_side_encryption_configuration.this"
	buckets["module.data.aws_s3_bucket.this"].encryption == null
}

test_inline_settings if {
	doc := t.tf([t.res("aws_s3_bucket.b", {
		"bucket": "logs",
		"acl": "private",
		"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}],
		"versioning": [{"enabled": false}],
		"logging": [{"target_bucket": "audit"}],
		"policy": _public_policy,
	})])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.acl == "private"
	b.acl_attribute == ["acl"]
	b.encryption.attribute == ["server_side_encryption_configuration"]
	b.encryption.rules[0].algorithm == "AES256"
	b.encryption.rules[0].attribute == ["server_side_encryption_configuration", 0, "rule", 0]
	b.versioning.enabled == false
	b.logging.attribute == ["logging"]
	b.policy_statements[0].resource.address == "aws_s3_bucket.b"
	b.public_access_block == null
}

test_linked_acl_wins_over_the_bucket_attribute if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {"acl": "private"}),
		_linked("aws_s3_bucket_acl.b", "aws_s3_bucket.b", {"acl": "public-read"}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.acl == "public-read"
	count(b.acls) == 2
}

test_acl_resource_grants if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {}),
		_linked("aws_s3_bucket_acl.b", "aws_s3_bucket.b", {"access_control_policy": [{
			"grant": [
				{"grantee": [{"type": "CanonicalUser", "id": "abc"}], "permission": "FULL_CONTROL"},
				{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}], "permission": "READ"},
			],
			"owner": [{"id": "abc"}],
		}]}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	[[g.attribute, g.permissions] | some g in b.grants; s3.public_grant(g)] == [[["access_control_policy", 0, "grant", 1], ["READ"]]]
}

test_policy_from_a_policy_document_data_source if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {}),
		t.unknown(t.refs(t.res("aws_s3_bucket_policy.b", {}), {"bucket": ["aws_s3_bucket.b"], "policy": ["data.aws_iam_policy_document.p"]}), ["bucket", "policy"]),
		t.res("data.aws_iam_policy_document.p", {"statement": [
			{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]},
			{"effect": "Deny", "actions": ["s3:*"], "principals": [{"type": "AWS", "identifiers": ["*"]}], "condition": [
				{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]},
			]},
		]}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	[x.statement | some x in b.policy_statements] == [
		{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [], "Principal": "*"},
		{"Effect": "Deny", "Action": ["s3:*"], "Resource": [], "Principal": {"AWS": ["*"]}, "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}},
	]
	not "policy" in b.unknown
}

test_unknown_fields if {
	doc := t.plan([
		t.unknown(t.res("aws_s3_bucket.b", {"bucket": "logs"}), ["server_side_encryption_configuration", "policy", "grant", "versioning", "logging"]),
		# names its bucket with an unknown value, through no reference: could be any bucket
		t.unknown(t.res("aws_s3_bucket_public_access_block.p", _pab_all), ["bucket"]),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.unknown == {"encryption", "policy", "grants", "versioning", "logging", "public_access_block"}
}

test_linked_resources_make_own_attributes_irrelevant if {
	doc := t.plan([
		t.unknown(t.res("aws_s3_bucket.b", {}), ["server_side_encryption_configuration"]),
		_linked("aws_s3_bucket_server_side_encryption_configuration.b", "aws_s3_bucket.b", {"rule": _sse_rule}),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	not "encryption" in b.unknown
	b.encryption.resource.address == "aws_s3_bucket_server_side_encryption_configuration.b"
}

test_a_block_that_names_another_bucket_is_not_dangling if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {"bucket": "logs"}),
		t.res("aws_s3_bucket_public_access_block.p", object.union(_pab_all, {"bucket": "elsewhere"})),
		t.unknown(t.refs(t.res("aws_s3_bucket_public_access_block.q", _pab_all), {"bucket": ["data.aws_s3_bucket.shared"]}), ["bucket"]),
	])
	b := s3.buckets["aws_s3_bucket.b"] with input as doc
	b.public_access_block == null
	not "public_access_block" in b.unknown
}

test_block_view if {
	r := t.unknown(t.res("aws_s3_bucket_public_access_block.p", {"block_public_acls": true, "block_public_policy": "false", "ignore_public_acls": null}), ["restrict_public_buckets"])
	v := s3.block_view(r)
	v.resource == r
	v.settings == {"block_public_acls": true, "block_public_policy": false, "ignore_public_acls": null}
	v.unknown == {"restrict_public_buckets"}
	v.attributes.ignore_public_acls == ["ignore_public_acls"]
	not s3.blocks_all(v)
}

test_account_public_access_block if {
	s3.account_blocks_public_access with input as t.tf([t.res("aws_s3_account_public_access_block.a", _pab_all)])
	not s3.account_blocks_public_access with input as t.tf([t.res("aws_s3_account_public_access_block.a", object.union(_pab_all, {"ignore_public_acls": false}))])
	not s3.account_blocks_public_access with input as t.tf([t.unknown(t.res("aws_s3_account_public_access_block.a", object.remove(_pab_all, ["block_public_acls"])), ["block_public_acls"])])
}

test_public_principal if {
	s3.public_principal({"Principal": "*"})
	s3.public_principal({"Principal": {"AWS": "*"}})
	s3.public_principal({"Principal": {"AWS": ["arn:aws:iam::123456789012:root", "*"]}})
	not s3.public_principal({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})
	not s3.public_principal({"Principal": {"Service": "logging.s3.amazonaws.com"}})
	s3.has_condition({"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}})
	not s3.has_condition({"Condition": {}})
}

test_data_source_buckets_are_not_views if {
	count(s3.buckets) == 0 with input as t.tf([t.res("data.aws_s3_bucket.b", {"bucket": "x"})])
}

test_other_kinds_have_no_buckets if {
	count(s3.buckets) == 0 with input as t.doc("kubernetes", [t.res("aws_s3_bucket.b", {})])
}

# --- CloudFormation ---------------------------------------------------------------------------------

_cfn_pab := {"BlockPublicAcls": true, "BlockPublicPolicy": "true", "IgnorePublicAcls": "false"}

_cfn_policy_doc := {"Version": "2012-10-17", "Statement": [
	{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"},
	{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["s3:*"], "Condition": {"Bool": {"aws:SecureTransport": false}}},
]}

test_cfn_bucket_view if {
	doc := t.cfn([
		t.cres("Logs", "AWS::S3::Bucket", {
			"BucketName": "logs",
			"AccessControl": "PublicRead",
			"PublicAccessBlockConfiguration": _cfn_pab,
			"BucketEncryption": {"ServerSideEncryptionConfiguration": [
				{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/logs"}, "BucketKeyEnabled": "true"},
			]},
			"VersioningConfiguration": {"Status": "Enabled"},
			"LoggingConfiguration": {"DestinationBucketName": "audit"},
		}),
		t.ref(t.cres("LogsPolicy", "AWS::S3::BucketPolicy", {"Bucket": "x", "PolicyDocument": _cfn_policy_doc}), "Bucket", ["Logs"]),
	])
	b := s3.buckets.Logs with input as doc
	b.resource.address == "Logs"
	b.name == "logs"
	b.acls == [{"resource": b.resource, "attribute": ["AccessControl"], "value": "public-read"}]
	[b.acl, b.acl_resource.address, b.acl_attribute] == ["public-read", "Logs", ["AccessControl"]]
	b.grants == []
	pab := b.public_access_block
	pab.resource.address == "Logs"
	pab.attribute == ["PublicAccessBlockConfiguration"]
	pab.settings == {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": false, "restrict_public_buckets": null}
	pab.attributes.ignore_public_acls == ["PublicAccessBlockConfiguration", "IgnorePublicAcls"]
	pab.labels.restrict_public_buckets == "RestrictPublicBuckets"
	b.encryption.attribute == ["BucketEncryption"]
	b.encryption.rules == [{
		"attribute": ["BucketEncryption", "ServerSideEncryptionConfiguration", 0],
		"algorithm": "aws:kms", "algorithm_known": true, "kms_key_id": "alias/logs", "bucket_key_enabled": true,
	}]
	b.versioning == {"resource": b.resource, "attribute": ["VersioningConfiguration", "Status"], "enabled": true}
	b.logging.target_bucket == "audit"
	[[s.resource.address, s.attribute, s.statement.Principal] | some s in b.policy_statements] == [
		["LogsPolicy", ["PolicyDocument", "Statement", 0], "*"],
		["LogsPolicy", ["PolicyDocument", "Statement", 1], {"AWS": ["*"]}],
	]
	b.policy_statements[0].statement.Action == ["s3:GetObject"]
	b.policy_statements[1].statement.Condition == {"Bool": {"aws:SecureTransport": [false]}}
	b.unknown == set()
}

test_cfn_policy_by_literal_bucket_name if {
	doc := t.cfn([
		t.cres("A", "AWS::S3::Bucket", {"BucketName": "a"}),
		t.cres("B", "AWS::S3::Bucket", {}),
		t.cres("P", "AWS::S3::BucketPolicy", {"Bucket": "a", "PolicyDocument": _cfn_policy_doc}),
	])
	buckets := s3.buckets with input as doc
	count(buckets.A.policy_statements) == 2
	buckets.B.policy_statements == []
	buckets.B.public_access_block == null
	buckets.B.encryption == null
	buckets.B.acl == null
	not "policy" in buckets.B.unknown
}

test_cfn_inactive_resources_are_left_out if {
	doc := t.cfn_inactive(
		[
			t.cres("Kept", "AWS::S3::Bucket", {"BucketName": "kept"}),
			t.cres("Gone", "AWS::S3::Bucket", {"AccessControl": "PublicRead"}),
			t.cres("GonePolicy", "AWS::S3::BucketPolicy", {"Bucket": "kept", "PolicyDocument": _cfn_policy_doc}),
		],
		["Gone", "GonePolicy"],
	)
	buckets := s3.buckets with input as doc
	object.keys(buckets) == {"Kept"}
	buckets.Kept.policy_statements == []
}

test_cfn_unknown_fields if {
	doc := t.cfn([
		# BucketEncryption and the block chosen by a condition that cannot be evaluated
		t.unknown(t.cres("A", "AWS::S3::Bucket", {"VersioningConfiguration": {}}), ["AccessControl", "BucketEncryption", "PublicAccessBlockConfiguration", "VersioningConfiguration.Status"]),
		# a known configuration with an unknown key id stays known
		t.unknown(t.cres("B", "AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}}), ["BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID"]),
		# a rule that is itself unknown
		t.unknown(t.cres("C", "AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [null]}}), ["BucketEncryption.ServerSideEncryptionConfiguration.0"]),
		# a whole Properties value that is unknown
		t.unknown(t.cres("D", "AWS::S3::Bucket", {}), [""]),
	])
	buckets := s3.buckets with input as doc
	buckets.A.unknown == {"acl", "encryption", "public_access_block", "versioning"}
	[buckets.A.encryption, buckets.A.public_access_block, buckets.A.versioning] == [null, null, null]
	buckets.B.unknown == set()
	buckets.B.encryption.rules[0].algorithm == "aws:kms"
	buckets.B.encryption.rules[0].kms_key_id == null
	buckets.C.encryption.rules == [{"attribute": ["BucketEncryption", "ServerSideEncryptionConfiguration", 0], "algorithm": null, "algorithm_known": false, "kms_key_id": null, "bucket_key_enabled": null}]
	buckets.D.unknown == {"acl", "encryption", "public_access_block", "versioning", "logging"}
}

test_cfn_policy_unknowns if {
	doc := t.cfn([
		t.cres("A", "AWS::S3::Bucket", {}),
		t.ref(t.unknown(t.cres("P", "AWS::S3::BucketPolicy", {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}}), ["PolicyDocument.Statement.0.Principal"]), "Bucket", ["A"]),
	])
	b := s3.buckets.A with input as doc
	b.policy_statements[0].unknown == {"Principal"}
	not "policy" in b.unknown

	# a policy for a bucket the template does not declare (an imported name) may be this one's
	dangling := t.cfn([
		t.cres("A", "AWS::S3::Bucket", {}),
		t.unknown(t.cres("P", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_policy_doc}), ["Bucket"]),
	])
	"policy" in s3.buckets.A.unknown with input as dangling

	# a statement list that cannot be known
	hidden := t.cfn([
		t.cres("A", "AWS::S3::Bucket", {}),
		t.ref(t.unknown(t.cres("P", "AWS::S3::BucketPolicy", {"PolicyDocument": {}}), ["PolicyDocument.Statement"]), "Bucket", ["A"]),
	])
	"policy" in s3.buckets.A.unknown with input as hidden
}

test_cfn_terraform_types_in_a_template_are_not_buckets if {
	count(s3.buckets) == 0 with input as t.cfn([t.res("aws_s3_bucket.b", {})])
	count(s3.buckets) == 0 with input as t.tf([t.cres("B", "AWS::S3::Bucket", {})])
}
