package rampart.lib.aws.ec2_test

import data.rampart.lib.aws.ec2
import data.rampart.lib.aws.testing as t

_ssh := {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": ["::/0"]}

test_inline_ingress_blocks if {
	doc := t.tf([t.res("aws_security_group.g", {"ingress": [_ssh, {"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["10.0.0.0/8"]}]})])
	rules := ec2.ingress_rules with input as doc
	r := rules[["aws_security_group.g", "ingress.0"]]
	r.resource.address == "aws_security_group.g"
	r.attribute == ["ingress", 0]
	r.group == "aws_security_group.g"
	r.cidrs_v4 == ["0.0.0.0/0"]
	r.cidrs_v6 == ["::/0"]
	r.sources == [
		{"cidr": "0.0.0.0/0", "family": "ipv4", "attribute": ["ingress", 0, "cidr_blocks"]},
		{"cidr": "::/0", "family": "ipv6", "attribute": ["ingress", 0, "ipv6_cidr_blocks"]},
	]
	[r.protocol, r.from_port, r.to_port, r.all_ports, r.ports_known] == ["tcp", 22, 22, false, true]
	all := rules[["aws_security_group.g", "ingress.1"]]
	[all.protocol, all.all_ports, all.ports_known] == ["-1", true, true]
}

test_default_security_group if {
	doc := t.state([t.res("aws_default_security_group.d", {"id": "sg-1", "ingress": [_ssh]})])
	rules := ec2.ingress_rules with input as doc
	rules[["aws_default_security_group.d", "ingress.0"]].group == "aws_default_security_group.d"
}

test_security_group_rule_by_reference if {
	doc := t.tf([
		t.res("aws_security_group.g", {}),
		t.unknown(t.refs(t.res("aws_security_group_rule.ssh", {"type": "ingress", "from_port": "22", "to_port": 22, "protocol": "6", "cidr_blocks": ["0.0.0.0/0"]}), {"security_group_id": ["aws_security_group.g"]}), ["security_group_id"]),
		t.res("aws_security_group_rule.out", {"type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}),
	])
	rules := ec2.ingress_rules with input as doc
	object.keys(rules) == {["aws_security_group_rule.ssh", ""]}
	r := rules[["aws_security_group_rule.ssh", ""]]
	[r.group, r.protocol, r.from_port, r.to_port, r.attribute] == ["aws_security_group.g", "tcp", 22, 22, []]
	r.sources == [{"cidr": "0.0.0.0/0", "family": "ipv4", "attribute": ["cidr_blocks"]}]
}

test_security_group_rule_by_id_in_state if {
	doc := t.state([
		t.res("aws_security_group.g", {"id": "sg-0123"}),
		t.res("aws_security_group_rule.ssh", {"type": "ingress", "security_group_id": "sg-0123", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}),
	])
	rules := ec2.ingress_rules with input as doc
	rules[["aws_security_group_rule.ssh", ""]].group == "aws_security_group.g"
}

test_group_outside_the_document if {
	doc := t.tf([t.refs(t.res("module.net.aws_security_group_rule.r[0]", {"type": "ingress", "from_port": 443, "to_port": 443, "protocol": "tcp"}), {"security_group_id": ["module.net.aws_security_group.shared"]})])
	rules := ec2.ingress_rules with input as doc
	rules[["module.net.aws_security_group_rule.r[0]", ""]].group == "module.net.aws_security_group.shared"
	doc2 := t.tf([t.res("aws_security_group_rule.r", {"type": "ingress", "security_group_id": "sg-9"})])
	rules2 := ec2.ingress_rules with input as doc2
	rules2[["aws_security_group_rule.r", ""]].group == null
}

test_vpc_ingress_rule if {
	doc := t.plan([
		t.unknown(t.refs(t.res("aws_vpc_security_group_ingress_rule.all", {"cidr_ipv6": "::/0", "ip_protocol": "-1"}), {"security_group_id": ["aws_security_group.g"]}), ["security_group_id"]),
		t.res("aws_security_group.g[0]", {}),
	])
	rules := ec2.ingress_rules with input as doc
	r := rules[["aws_vpc_security_group_ingress_rule.all", ""]]
	r.group == "aws_security_group.g[0]"
	r.sources == [{"cidr": "::/0", "family": "ipv6", "attribute": ["cidr_ipv6"]}]
	[r.protocol, r.from_port, r.to_port, r.all_ports, r.ports_known] == ["-1", null, null, true, true]
}

test_unknown_values_are_left_out if {
	doc := t.tf([
		t.unknown(t.res("aws_security_group.g", {"ingress": [{"protocol": "tcp", "to_port": 22, "cidr_blocks": [null, "0.0.0.0/0"]}]}), ["ingress.0.from_port", "ingress.0.cidr_blocks.0"]),
		t.unknown(t.res("aws_vpc_security_group_ingress_rule.v", {"from_port": 22, "to_port": 22, "ip_protocol": "tcp"}), ["cidr_ipv4"]),
	])
	rules := ec2.ingress_rules with input as doc
	g := rules[["aws_security_group.g", "ingress.0"]]
	g.ports_known == false
	g.from_port == null

	# the known element is kept, pointed at by itself since its list holds an unknown element
	g.sources == [{"cidr": "0.0.0.0/0", "family": "ipv4", "attribute": ["ingress", 0, "cidr_blocks", 1]}]
	rules[["aws_vpc_security_group_ingress_rule.v", ""]].sources == []
}

test_covers_port if {
	ec2.covers_port({"protocol": "-1"}, 22)
	ec2.covers_port({"protocol": "tcp", "from_port": 0, "to_port": 1024}, 22)
	ec2.covers_port({"protocol": "udp", "from_port": 3389, "to_port": 3389}, 3389)
	not ec2.covers_port({"protocol": "tcp", "from_port": 23, "to_port": 1024}, 22)
	not ec2.covers_port({"protocol": "icmp", "from_port": -1, "to_port": -1}, 22)
	ec2.exposed_sensitive_ports({"protocol": "tcp", "from_port": 3300, "to_port": 3400}) == {3306, 3389}
}

test_open_cidr if {
	ec2.open_cidr("0.0.0.0/0")
	ec2.open_cidr("::/0")
	not ec2.open_cidr("0.0.0.0/1")
	not ec2.open_cidr("10.0.0.0/8")
}

test_all_ports_range if {
	doc := t.tf([t.res("aws_security_group.g", {"ingress": [{"protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_blocks": []}]})])
	rules := ec2.ingress_rules with input as doc
	rules[["aws_security_group.g", "ingress.0"]].all_ports
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_inline_ingress if {
	doc := t.cfn([t.cres("Web", "AWS::EC2::SecurityGroup", {"GroupDescription": "web", "SecurityGroupIngress": [
		{"IpProtocol": "tcp", "FromPort": "22", "ToPort": 22, "CidrIp": "0.0.0.0/0"},
		{"IpProtocol": "-1", "CidrIpv6": "::/0"},
		{"IpProtocol": 6, "FromPort": 443, "ToPort": 443, "SourceSecurityGroupId": "sg-1"},
	]})])
	rules := ec2.ingress_rules with input as doc
	object.keys(rules) == {["Web", "SecurityGroupIngress.0"], ["Web", "SecurityGroupIngress.1"], ["Web", "SecurityGroupIngress.2"]}
	ssh := rules[["Web", "SecurityGroupIngress.0"]]
	[ssh.resource.address, ssh.attribute, ssh.group] == ["Web", ["SecurityGroupIngress", 0], "Web"]
	[ssh.protocol, ssh.from_port, ssh.to_port, ssh.all_ports, ssh.ports_known] == ["tcp", 22, 22, false, true]
	ssh.sources == [{"cidr": "0.0.0.0/0", "family": "ipv4", "attribute": ["SecurityGroupIngress", 0, "CidrIp"]}]
	all := rules[["Web", "SecurityGroupIngress.1"]]
	[all.protocol, all.all_ports, all.ports_known] == ["-1", true, true]
	all.sources == [{"cidr": "::/0", "family": "ipv6", "attribute": ["SecurityGroupIngress", 1, "CidrIpv6"]}]
	https := rules[["Web", "SecurityGroupIngress.2"]]
	[https.protocol, https.sources] == ["tcp", []]
}

test_cfn_ingress_resources_and_their_groups if {
	doc := t.cfn([
		t.cres("Sg", "AWS::EC2::SecurityGroup", {"GroupName": "legacy"}),
		t.ref(t.cres("ByRef", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"}), "GroupId", ["Sg"]),
		t.cres("ByName", "AWS::EC2::SecurityGroupIngress", {"GroupName": "legacy", "IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "CidrIp": "10.0.0.0/8"}),
		t.unknown(t.cres("Imported", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}), ["GroupId", "CidrIp"]),
	])
	rules := ec2.ingress_rules with input as doc
	r := rules[["ByRef", ""]]
	[r.group, r.attribute, r.protocol, r.from_port] == ["Sg", [], "tcp", 3389]
	r.sources == [{"cidr": "0.0.0.0/0", "family": "ipv4", "attribute": ["CidrIp"]}]
	rules[["ByName", ""]].group == "Sg"
	rules[["Imported", ""]].group == null
	rules[["Imported", ""]].sources == []
}

test_cfn_inactive_groups_have_no_rules if {
	doc := t.cfn_inactive(
		[
			t.cres("Sg", "AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}]}),
			t.cres("Ing", "AWS::EC2::SecurityGroupIngress", {"GroupId": "sg-1", "IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}),
		],
		["Sg", "Ing"],
	)
	count(ec2.ingress_rules) == 0 with input as doc
}

# --- instances (IMDS) -------------------------------------------------------------------------------

test_terraform_instances if {
	doc := t.tf([
		t.res("aws_launch_template.lt", {"metadata_options": [{"http_tokens": "required", "http_endpoint": "enabled"}]}),
		t.unknown(t.refs(t.res("aws_instance.a", {"launch_template": [{}]}), {"launch_template.0.id": ["aws_launch_template.lt"]}), ["launch_template.0.id"]),
		t.res("aws_instance.b", {"metadata_options": [{"http_tokens": "optional"}]}),
		t.unknown(t.res("aws_launch_configuration.c", {}), ["metadata_options"]),
	])
	instances := ec2.instances with input as doc
	lt := instances["aws_launch_template.lt"]
	[lt.kind, lt.http_tokens.value, lt.http_tokens.attribute, lt.metadata_options_set] == ["launch_template", "required", ["metadata_options", 0, "http_tokens"], true]
	not ec2.imdsv1_enabled(lt)
	a := instances["aws_instance.a"]
	[a.kind, a.launch_template, a.http_tokens.value, a.http_tokens.set, a.http_tokens.known, a.metadata_options_set] == ["instance", "aws_launch_template.lt", null, false, true, false]
	ec2.imdsv1_enabled(a)
	b := instances["aws_instance.b"]
	[b.http_tokens.value, b.http_tokens.set, b.http_endpoint.value, b.http_endpoint.set] == ["optional", true, "enabled", false]
	ec2.imdsv1_enabled(b)
	c := instances["aws_launch_configuration.c"]
	[c.kind, c.http_tokens.known] == ["launch_configuration", false]
	not ec2.imdsv1_enabled(c)
}

test_cfn_instances if {
	doc := t.cfn_inactive(
		[
			t.cres("Lt", "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "Required", "HttpPutResponseHopLimit": 2}}}),
			t.ref(t.cres("FromTemplate", "AWS::EC2::Instance", {"LaunchTemplate": {"Version": "1"}}), "LaunchTemplate", ["Lt"]),
			t.cres("Optional", "AWS::EC2::Instance", {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"}}),
			t.cres("Off", "AWS::AutoScaling::LaunchConfiguration", {"MetadataOptions": {"HttpEndpoint": "disabled"}}),
			t.unknown(t.cres("Unknown", "AWS::EC2::Instance", {"MetadataOptions": {}}), ["MetadataOptions.HttpTokens"]),
			t.cres("Gone", "AWS::EC2::Instance", {}),
		],
		["Gone"],
	)
	instances := ec2.instances with input as doc
	object.keys(instances) == {"Lt", "FromTemplate", "Optional", "Off", "Unknown"}
	lt := instances.Lt
	[lt.kind, lt.http_tokens.value, lt.http_tokens.attribute, lt.hop_limit.value] == ["launch_template", "required", ["LaunchTemplateData", "MetadataOptions", "HttpTokens"], 2]
	not ec2.imdsv1_enabled(lt)
	i := instances.FromTemplate
	[i.launch_template, i.http_tokens.set, i.metadata_options, i.metadata_options_set] == ["Lt", false, ["MetadataOptions"], false]
	ec2.imdsv1_enabled(i)
	ec2.imdsv1_enabled(instances.Optional)
	instances.Off.kind == "launch_configuration"
	not ec2.imdsv1_enabled(instances.Off)
	instances.Unknown.http_tokens.known == false
	not ec2.imdsv1_enabled(instances.Unknown)
}
