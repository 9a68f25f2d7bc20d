package rampart.lib.aws.iam_test

import data.rampart.lib.aws.iam
import data.rampart.lib.aws.testing as t

_admin := {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}

_trust := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

test_normalize if {
	iam.normalize({"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", null], "Principal": {"AWS": "arn:aws:iam::1:root"}, "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}, "Sid": "x"}) == {
		"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["a"], "Principal": {"AWS": ["arn:aws:iam::1:root"]},
		"Condition": {"StringEquals": {"aws:SourceVpce": ["vpce-1"]}}, "Sid": "x",
	}
	iam.normalize({"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:x", "Principal": "*"}) == {
		"Effect": "Deny", "Action": [], "Resource": [], "NotAction": ["iam:*"], "NotResource": ["arn:x"], "Principal": "*",
	}
}

# --- Terraform ----------------------------------------------------------------------------------------

test_terraform_policies_and_attachments if {
	doc := t.tf([
		t.res("aws_iam_role.app", {"name": "app", "assume_role_policy": json.marshal(_trust), "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"], "inline_policy": [{"name": "inline", "policy": json.marshal(_admin)}]}),
		t.res("aws_iam_policy.admin", {"name": "admin", "policy": json.marshal(_admin)}),
		t.unknown(t.refs(t.res("aws_iam_role_policy_attachment.a", {}), {"role": ["aws_iam_role.app"], "policy_arn": ["aws_iam_policy.admin"]}), ["role", "policy_arn"]),
		t.res("aws_iam_role_policy_attachment.b", {"role": "app", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
		t.unknown(t.refs(t.res("aws_iam_role_policy.doc", {"name": "from-doc"}), {"role": ["aws_iam_role.app"], "policy": ["data.aws_iam_policy_document.d"]}), ["role", "policy"]),
		t.res("data.aws_iam_policy_document.d", {"statement": [
			{"actions": ["s3:*"], "resources": ["*"]},
			{"effect": "Deny", "not_actions": ["iam:*"], "resources": ["*"], "condition": [{"test": "Bool", "variable": "aws:MultiFactorAuthPresent", "values": ["false"]}]},
		]}),
		t.res("aws_iam_user.u", {"name": "u"}),
		t.res("aws_iam_user_policy.u", {"user": "u", "policy": json.marshal(_admin)}),
	])
	policies := iam.policies with input as doc
	object.keys(policies) == {
		["aws_iam_role.app", "inline_policy.0.policy"], ["aws_iam_policy.admin", "policy"],
		["aws_iam_role_policy.doc", "policy"], ["data.aws_iam_policy_document.d", ""], ["aws_iam_user_policy.u", "policy"],
	}
	admin := policies[["aws_iam_policy.admin", "policy"]]
	[admin.kind, admin.name, admin.unknown, admin.attached_to] == ["managed", "admin", false, ["aws_iam_role.app"]]
	admin.statements == [{
		"resource": admin.resource, "attribute": ["policy"], "unknown": set(),
		"statement": {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]},
		"origin": {"resource": admin.resource, "attribute": ["policy"]},
	}]
	inline := policies[["aws_iam_role.app", "inline_policy.0.policy"]]
	[inline.kind, inline.name, inline.attached_to, inline.statements[0].attribute] == ["inline", "inline", ["aws_iam_role.app"], ["inline_policy", 0, "policy"]]

	# statements rendered by a data source: reported on the policy, written in the data source
	d := policies[["aws_iam_role_policy.doc", "policy"]]
	[d.attached_to, d.unknown, count(d.statements)] == [["aws_iam_role.app"], false, 2]
	[s.attribute | some s in d.statements] == [["policy"], ["policy"]]
	[s.origin.attribute | some s in d.statements] == [["statement", 0], ["statement", 1]]
	d.statements[1].statement == {"Effect": "Deny", "Action": [], "NotAction": ["iam:*"], "Resource": ["*"], "Condition": {"Bool": {"aws:MultiFactorAuthPresent": ["false"]}}}
	policies[["data.aws_iam_policy_document.d", ""]].kind == "document"
	policies[["aws_iam_user_policy.u", "policy"]].attached_to == ["aws_iam_user.u"]

	role := iam.roles["aws_iam_role.app"] with input as doc
	role.name == "app"
	role.assume_role_policy.statements[0].statement.Principal == {"Service": ["ec2.amazonaws.com"]}
	role.assume_role_policy.unknown == false
	role.policies == [["aws_iam_policy.admin", "policy"], ["aws_iam_role.app", "inline_policy.0.policy"], ["aws_iam_role_policy.doc", "policy"]]
	role.managed_policy_arns == ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]
	[role.permissions_boundary.set, role.permissions_boundary.known] == [false, true]
}

test_terraform_unknown_policies if {
	doc := t.plan([
		t.unknown(t.res("aws_iam_policy.computed", {}), ["policy"]),
		t.unknown(t.refs(t.res("aws_iam_policy.merged", {}), {"policy": ["data.aws_iam_policy_document.m"]}), ["policy"]),
		t.res("data.aws_iam_policy_document.m", {"source_policy_documents": ["{}"], "statement": [{"actions": ["s3:GetObject"]}]}),
		t.unknown(t.res("data.aws_iam_policy_document.partial", {"statement": [{"actions": ["s3:GetObject"]}]}), ["statement.0.resources"]),
		t.unknown(t.res("aws_iam_role.r", {}), ["assume_role_policy"]),
	])
	policies := iam.policies with input as doc
	policies[["aws_iam_policy.computed", "policy"]].unknown == true
	policies[["aws_iam_policy.computed", "policy"]].statements == []
	policies[["aws_iam_policy.merged", "policy"]].unknown == true
	policies[["data.aws_iam_policy_document.partial", ""]].statements[0].unknown == {"Resource"}
	policies[["data.aws_iam_policy_document.partial", ""]].unknown == false
	iam.roles["aws_iam_role.r"].assume_role_policy.unknown == true with input as doc
}

test_terraform_users if {
	doc := t.tf([
		t.res("aws_iam_user.alice", {"name": "alice"}),
		t.res("aws_iam_user.bob", {"name": "bob"}),
		t.unknown(t.refs(t.res("aws_iam_user_login_profile.alice", {}), {"user": ["aws_iam_user.alice"]}), ["user"]),
		t.res("aws_iam_access_key.k1", {"user": "alice"}),
		t.res("aws_iam_access_key.k2", {"user": "alice", "status": "Inactive"}),
		t.res("aws_iam_user_policy_attachment.a", {"user": "bob", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
	])
	users := iam.users with input as doc
	users["aws_iam_user.alice"].console_access.resource.address == "aws_iam_user_login_profile.alice"
	users["aws_iam_user.alice"].console_access_known == true
	[[k.resource.address, k.active] | some k in users["aws_iam_user.alice"].access_keys] == [["aws_iam_access_key.k1", true], ["aws_iam_access_key.k2", false]]
	users["aws_iam_user.bob"].console_access == null
	users["aws_iam_user.bob"].access_keys == []
	users["aws_iam_user.bob"].managed_policy_arns == ["arn:aws:iam::aws:policy/AdministratorAccess"]

	# a login profile whose user cannot be told may be anyone's
	unknown := t.plan([t.res("aws_iam_user.u", {"name": "u"}), t.unknown(t.res("aws_iam_user_login_profile.p", {}), ["user"])])
	iam.users["aws_iam_user.u"].console_access_known == false with input as unknown
}

# --- CloudFormation -----------------------------------------------------------------------------------

test_cfn_policies_and_attachments if {
	doc := t.cfn_inactive(
		[
			t.cres("AppRole", "AWS::IAM::Role", {
				"RoleName": "app",
				"AssumeRolePolicyDocument": _trust,
				"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
				"Policies": [{"PolicyName": "inline", "PolicyDocument": _admin}],
			}),
			t.ref(t.cres("Managed", "AWS::IAM::ManagedPolicy", {"PolicyDocument": _admin}), "Roles", ["AppRole"]),
			t.cres("ByName", "AWS::IAM::Policy", {"PolicyName": "by-name", "Roles": ["app"], "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}]}}),
			t.ref(t.cres("RolePolicy", "AWS::IAM::RolePolicy", {"PolicyName": "rp", "PolicyDocument": _admin}), "RoleName", ["AppRole"]),
			t.cres("Group", "AWS::IAM::Group", {"Policies": [{"PolicyName": "g", "PolicyDocument": _admin}]}),
			t.cres("Gone", "AWS::IAM::ManagedPolicy", {"PolicyDocument": _admin}),
		],
		["Gone"],
	)
	policies := iam.policies with input as doc
	object.keys(policies) == {
		["AppRole", "Policies.0.PolicyDocument"], ["Managed", "PolicyDocument"], ["ByName", "PolicyDocument"],
		["RolePolicy", "PolicyDocument"], ["Group", "Policies.0.PolicyDocument"],
	}
	inline := policies[["AppRole", "Policies.0.PolicyDocument"]]
	[inline.kind, inline.name, inline.attached_to] == ["inline", "inline", ["AppRole"]]
	inline.statements[0].attribute == ["Policies", 0, "PolicyDocument", "Statement"]
	inline.statements[0].statement == {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
	managed := policies[["Managed", "PolicyDocument"]]
	[managed.kind, managed.attached_to] == ["managed", ["AppRole"]]
	by_name := policies[["ByName", "PolicyDocument"]]
	[by_name.kind, by_name.name, by_name.attached_to] == ["inline", "by-name", ["AppRole"]]
	by_name.statements[0].attribute == ["PolicyDocument", "Statement", 0]
	by_name.statements[0].statement.Action == ["s3:GetObject", "s3:PutObject"]
	policies[["Group", "Policies.0.PolicyDocument"]].attached_to == ["Group"]

	role := iam.roles.AppRole with input as doc
	role.assume_role_policy.attribute == ["AssumeRolePolicyDocument"]
	role.assume_role_policy.statements[0].attribute == ["AssumeRolePolicyDocument", "Statement", 0]
	role.policies == [["AppRole", "Policies.0.PolicyDocument"], ["ByName", "PolicyDocument"], ["Managed", "PolicyDocument"], ["RolePolicy", "PolicyDocument"]]
	role.managed_policy_arns == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

test_cfn_role_managed_policy_arns_reference if {
	doc := t.cfn([
		t.cres("Admin", "AWS::IAM::ManagedPolicy", {"PolicyDocument": _admin}),
		t.unknown(t.refs(t.cres("Role", "AWS::IAM::Role", {"AssumeRolePolicyDocument": _trust, "ManagedPolicyArns": [null]}), {"ManagedPolicyArns.0": ["Admin"]}), ["ManagedPolicyArns.0"]),
	])
	iam.policies[["Admin", "PolicyDocument"]].attached_to == ["Role"] with input as doc
	iam.roles.Role.policies == [["Admin", "PolicyDocument"]] with input as doc
}

test_cfn_unknown_documents if {
	doc := t.cfn([
		t.unknown(t.cres("Whole", "AWS::IAM::ManagedPolicy", {}), ["PolicyDocument"]),
		t.unknown(t.cres("Partly", "AWS::IAM::ManagedPolicy", {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}, null]}}), ["PolicyDocument.Statement.0.Resource", "PolicyDocument.Statement.1"]),
		t.unknown(t.cres("Role", "AWS::IAM::Role", {}), ["AssumeRolePolicyDocument"]),
	])
	policies := iam.policies with input as doc
	[policies[["Whole", "PolicyDocument"]].unknown, policies[["Whole", "PolicyDocument"]].statements] == [true, []]
	partly := policies[["Partly", "PolicyDocument"]]
	partly.unknown == true
	[[s.attribute, s.unknown] | some s in partly.statements] == [[["PolicyDocument", "Statement", 0], {"Resource"}]]
	iam.roles.Role.assume_role_policy.unknown == true with input as doc
}

test_cfn_users if {
	doc := t.cfn_inactive(
		[
			t.cres("Alice", "AWS::IAM::User", {"UserName": "alice", "LoginProfile": {"Password": "(sensitive)"}}),
			t.cres("Bob", "AWS::IAM::User", {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}),
			t.unknown(t.cres("Carol", "AWS::IAM::User", {}), ["LoginProfile"]),
			t.ref(t.cres("BobKey", "AWS::IAM::AccessKey", {"Status": "Active"}), "UserName", ["Bob"]),
			t.cres("AliceKey", "AWS::IAM::AccessKey", {"UserName": "alice", "Status": "Inactive"}),
			t.ref(t.cres("GoneKey", "AWS::IAM::AccessKey", {}), "UserName", ["Bob"]),
		],
		["GoneKey"],
	)
	users := iam.users with input as doc
	users.Alice.console_access == {"resource": users.Alice.resource, "attribute": ["LoginProfile"]}
	[[k.resource.address, k.active] | some k in users.Alice.access_keys] == [["AliceKey", false]]
	users.Bob.console_access == null
	users.Bob.console_access_known == true
	[[k.resource.address, k.active] | some k in users.Bob.access_keys] == [["BobKey", true]]
	users.Bob.managed_policy_arns == ["arn:aws:iam::aws:policy/AdministratorAccess"]
	[users.Carol.console_access, users.Carol.console_access_known] == [null, false]
}

test_public_principal if {
	iam.public_principal({"Principal": "*"})
	iam.public_principal({"Principal": {"AWS": ["*"]}})
	not iam.public_principal({"Principal": {"Service": ["s3.amazonaws.com"]}})
	iam.has_condition({"Condition": {"Bool": {"aws:SecureTransport": ["true"]}}})
	not iam.has_condition({})
}
