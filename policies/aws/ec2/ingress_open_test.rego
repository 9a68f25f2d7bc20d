package rampart.aws.ec2.ingress_open_test

import data.rampart.aws.ec2.ingress_open as rule
import data.rampart.lib.aws.testing as t

_ingress(from, to, protocol, v4, v6) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": v4, "ipv6_cidr_blocks": v6}

_sg(addr, ingress) := t.res(addr, {"name": "web", "ingress": ingress})

test_https_from_anywhere_in_every_kind if {
	every kind in t.kinds {
		results := rule.deny with input as t.doc(kind, [_sg("aws_security_group.web", [_ingress(443, 443, "tcp", ["0.0.0.0/0"], ["::/0"])])])
		t.hits(results) == {["aws_security_group.web", ["ingress", 0, "cidr_blocks"]], ["aws_security_group.web", ["ingress", 0, "ipv6_cidr_blocks"]]}
	}
	results := rule.deny with input as t.tf([_sg("aws_security_group.web", [_ingress(8080, 8090, "tcp", ["0.0.0.0/0"], [])])])
	some r in results
	contains(r.msg, "tcp ports 8080-8090")
}

test_not_reported_when_a_sensitive_port_is_covered if {
	doc := t.tf([_sg("aws_security_group.web", [
		_ingress(22, 80, "tcp", ["0.0.0.0/0"], []), # covers 22 (and 23): RMP-AWS-EC2-001 reports it
		_ingress(0, 0, "-1", ["0.0.0.0/0"], []),
		_ingress(80, 80, "tcp", ["0.0.0.0/0"], []),
	])])
	t.hits(rule.deny) == {["aws_security_group.web", ["ingress", 2, "cidr_blocks"]]} with input as doc
}

test_icmp_is_not_reported if {
	doc := t.tf([_sg("aws_security_group.web", [_ingress(-1, -1, "icmp", ["0.0.0.0/0"], []), _ingress(-1, -1, "58", [], ["::/0"])])])
	count(rule.deny) == 0 with input as doc
}

test_other_protocols if {
	doc := t.tf([t.res("aws_vpc_security_group_ingress_rule.gre", {"ip_protocol": "47", "cidr_ipv4": "0.0.0.0/0"})])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_vpc_security_group_ingress_rule.gre", ["cidr_ipv4"]]}
	some r in results
	contains(r.msg, "every port of IP protocol 47")
}

test_rule_resources_count_and_modules if {
	doc := t.plan([
		t.res("module.lb.aws_security_group_rule.http[0]", {"type": "ingress", "from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}),
		t.res("module.lb.aws_security_group_rule.http[1]", {"type": "ingress", "from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]}),
	])
	t.hits(rule.deny) == {["module.lb.aws_security_group_rule.http[0]", ["cidr_blocks"]]} with input as doc
}

test_restricted_sources_pass if {
	count(rule.deny) == 0 with input as t.tf([_sg("aws_security_group.web", [_ingress(443, 443, "tcp", ["10.0.0.0/8"], [])])])
}

test_unknown_values_are_silent if {
	doc := t.plan([
		t.unknown(_sg("aws_security_group.a", [{"from_port": 443, "to_port": 443, "protocol": "tcp"}]), ["ingress.0.cidr_blocks"]),
		t.unknown(_sg("aws_security_group.b", [{"from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}]), ["ingress.0.protocol"]),
	])
	count(rule.deny) == 0 with input as doc
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_open_web_ports if {
	doc := t.cfn_inactive(
		[
			t.cres("Web", "AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [
				{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
				{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
				{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"},
			]}),
			t.ref(t.cres("Alt", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": "8090", "CidrIpv6": "::/0"}), "GroupId", ["Web"]),
			t.unknown(t.cres("Unknown", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80}), ["CidrIp"]),
			t.cres("Gone", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0"}),
		],
		["Gone"],
	)
	results := rule.deny with input as doc
	t.hits(results) == {["Web", ["SecurityGroupIngress", 0, "CidrIp"]], ["Alt", ["CidrIpv6"]]}
	some r in results
	contains(r.msg, "tcp ports 8080-8090")
}
