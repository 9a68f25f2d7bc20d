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
