package rampart.aws.ec2.sensitive_port_open_test

import data.rampart.aws.ec2.sensitive_port_open as rule
import data.rampart.lib.aws.testing as t

_ingress(from, to, protocol, v4, v6) := {"from_port": from, "to_port": to, "protocol": protocol, "cidr_blocks": v4, "ipv6_cidr_blocks": v6}

_sg(addr, ingress) := t.res(addr, {"name": "web", "ingress": ingress})

test_ssh_from_anywhere_in_every_kind if {
	every kind in t.kinds {
		results := rule.deny with input as t.doc(kind, [_sg("aws_security_group.web", [_ingress(22, 22, "tcp", ["0.0.0.0/0"], [])])])
		t.hits(results) == {["aws_security_group.web", ["ingress", 0, "cidr_blocks"]]}
	}
	results := rule.deny with input as t.tf([_sg("aws_security_group.web", [_ingress(22, 22, "tcp", ["0.0.0.0/0"], [])])])
	some r in results
	contains(r.msg, "port 22 (SSH)")
	contains(r.msg, "0.0.0.0/0")
}

test_ipv4_and_ipv6_are_separate_findings if {
	results := rule.deny with input as t.tf([_sg("aws_security_group.web", [_ingress(3389, 3389, "tcp", ["10.0.0.0/8", "0.0.0.0/0"], ["::/0"])])])
	t.hits(results) == {["aws_security_group.web", ["ingress", 0, "cidr_blocks"]], ["aws_security_group.web", ["ingress", 0, "ipv6_cidr_blocks"]]}
}

test_ranges_and_all_ports if {
	results := rule.deny with input as t.tf([_sg("aws_security_group.web", [
		_ingress(0, 0, "-1", ["0.0.0.0/0"], []),
		_ingress(3300, 3400, "tcp", ["0.0.0.0/0"], []),
		_ingress(0, 65535, "udp", ["0.0.0.0/0"], []),
		_ingress(80, 443, "tcp", ["0.0.0.0/0"], []),
		_ingress(-1, -1, "icmp", ["0.0.0.0/0"], []),
	])])
	t.hits(results) == {
		["aws_security_group.web", ["ingress", 0, "cidr_blocks"]],
		["aws_security_group.web", ["ingress", 1, "cidr_blocks"]],
		["aws_security_group.web", ["ingress", 2, "cidr_blocks"]],
	}
	msgs := {r.msg | some r in results}
	some m in msgs
	contains(m, "ports 3300-3400, including 3306 (MySQL), 3389 (RDP)")
}

test_database_ports if {
	every port in [1433, 1521, 3306, 5432, 5439, 6379, 9200, 11211, 27017] {
		count(rule.deny) == 1 with input as t.tf([_sg("aws_security_group.db", [_ingress(port, port, "tcp", ["0.0.0.0/0"], [])])])
	}
}

test_rule_resources if {
	doc := t.tf([
		t.res("aws_security_group.g", {}),
		t.refs(t.res("aws_security_group_rule.ssh", {"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}), {"security_group_id": ["aws_security_group.g"]}),
		t.res("aws_security_group_rule.egress", {"type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}),
		t.res("aws_vpc_security_group_ingress_rule.pg", {"from_port": 5432, "to_port": 5432, "ip_protocol": "tcp", "cidr_ipv6": "::/0"}),
	])
	t.hits(rule.deny) == {["aws_security_group_rule.ssh", ["cidr_blocks"]], ["aws_vpc_security_group_ingress_rule.pg", ["cidr_ipv6"]]} with input as doc
}

test_count_and_module_addresses if {
	doc := t.state([
		_sg("module.net.aws_security_group.bastion[0]", [_ingress(22, 22, "tcp", ["0.0.0.0/0"], [])]),
		_sg("module.net.aws_security_group.bastion[1]", [_ingress(22, 22, "tcp", ["192.0.2.0/24"], [])]),
	])
	t.hits(rule.deny) == {["module.net.aws_security_group.bastion[0]", ["ingress", 0, "cidr_blocks"]]} with input as doc
}

test_restricted_sources_pass if {
	doc := t.tf([_sg("aws_security_group.web", [_ingress(22, 22, "tcp", ["10.0.0.0/8"], ["2001:db8::/32"]), _ingress(443, 443, "tcp", ["0.0.0.0/0"], [])])])
	count(rule.deny) == 0 with input as doc
}

test_unknown_values_are_silent if {
	doc := t.plan([
		# CIDR unknown
		t.unknown(_sg("aws_security_group.a", [{"from_port": 22, "to_port": 22, "protocol": "tcp"}]), ["ingress.0.cidr_blocks"]),
		# port unknown
		t.unknown(_sg("aws_security_group.b", [{"to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]), ["ingress.0.from_port"]),
		# rule type unknown
		t.unknown(t.res("aws_security_group_rule.c", {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}), ["type"]),
		# dynamic blocks unknown
		t.unknown(t.res("aws_security_group.d", {"name": "d"}), ["ingress"]),
	])
	count(rule.deny) == 0 with input as doc
}

test_known_element_next_to_an_unknown_one if {
	doc := t.tf([t.unknown(_sg("aws_security_group.a", [_ingress(22, 22, "tcp", [null, "0.0.0.0/0"], [])]), ["ingress.0.cidr_blocks.0"])])
	t.hits(rule.deny) == {["aws_security_group.a", ["ingress", 0, "cidr_blocks", 1]]} with input as doc
}

test_other_kinds_are_ignored if {
	count(rule.deny) == 0 with input as t.doc("cloudformation", [_sg("aws_security_group.web", [_ingress(22, 22, "tcp", ["0.0.0.0/0"], [])])])
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_open_ssh if {
	doc := t.cfn([
		t.cres("Bastion", "AWS::EC2::SecurityGroup", {"GroupDescription": "ssh", "SecurityGroupIngress": [
			{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
			{"IpProtocol": "tcp", "FromPort": "22", "ToPort": "22", "CidrIp": "0.0.0.0/0"},
			{"IpProtocol": "6", "FromPort": 3306, "ToPort": 3306, "CidrIp": "10.0.0.0/8"},
		]}),
		t.ref(t.cres("Rdp", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "-1", "CidrIpv6": "::/0"}), "GroupId", ["Bastion"]),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["Bastion", ["SecurityGroupIngress", 1, "CidrIp"]], ["Rdp", ["CidrIpv6"]]}
	msgs := {r.msg | some r in results}
	"Security group Bastion, ingress rule 1, allows ingress from 0.0.0.0/0 to port 22 (SSH)." in msgs
}

test_cfn_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.unknown(t.cres("Param", "AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}]}), ["SecurityGroupIngress.0.CidrIp"]),
			t.unknown(t.cres("Ports", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "CidrIp": "0.0.0.0/0"}), ["FromPort", "ToPort"]),
			t.cres("Gone", "AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}),
			t.cres("GoneRule", "AWS::EC2::SecurityGroupIngress", {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}),
		],
		["Gone", "GoneRule"],
	)
	count(rule.deny) == 0 with input as doc
}
