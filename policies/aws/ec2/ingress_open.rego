# METADATA
# title: Security group allows ingress from the internet
# description: >-
#   Checks the same ingress rules as RMP-AWS-EC2-001 (inline ingress blocks, aws_security_group_rule
#   with type = "ingress", aws_vpc_security_group_ingress_rule, and CloudFormation's
#   SecurityGroupIngress entries and resources) and fails when a rule admits
#   traffic from the whole IPv4 (0.0.0.0/0) or IPv6 (::/0) address space to ports that are not
#   administration or database ports, e.g. 80, 443 or 8080-8090, or for a protocol without ports
#   other than ICMP. A rule that also reaches an administration or database port is reported by
#   RMP-AWS-EC2-001 only, never by both. ICMP and ICMPv6 rules are not reported. Rules whose
#   protocol, ports or CIDR blocks are unknown are skipped.
# custom:
#   id: RMP-AWS-EC2-002
#   severity: medium
#   category: Network
#   risk: >-
#     The service is reachable from every address on the internet, so any vulnerability or
#     misconfiguration in it (an admin console, a debug endpoint, an unpatched web server) can be
#     found by mass scanning and exploited without first getting into the network.
#   remediation: >-
#     Allow only the sources that need the service. Put public web traffic behind a load
#     balancer, CloudFront or API Gateway and let the instances' security group accept traffic
#     from the load balancer's security group only; confirm that the remaining 0.0.0.0/0 and ::/0
#     rules are meant to be public.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
package rampart.aws.ec2.ingress_open

import data.rampart.lib.aws.ec2

deny contains result if {
	some rule in ec2.ingress_rules
	rule.ports_known
	not rule.protocol in {"icmp", "icmpv6"}
	count(ec2.exposed_sensitive_ports(rule)) == 0
	some source in rule.sources
	ec2.open_cidr(source.cidr)
	result := {
		"msg": sprintf("%s allows ingress from %s to %s.", [_rule_name(rule), source.cidr, _ports(rule)]),
		"resource": rule.resource.address,
		"attribute": source.attribute,
	}
}

_rule_name(rule) := sprintf("Security group %s, ingress rule %d,", [rule.resource.address, rule.attribute[1]]) if {
	count(rule.attribute) == 2
} else := sprintf("Security group rule %s", [rule.resource.address])

_ports(rule) := sprintf("%s port %d", [rule.protocol, rule.from_port]) if {
	rule.protocol in {"tcp", "udp"}
	rule.from_port == rule.to_port
} else := sprintf("%s ports %d-%d", [rule.protocol, rule.from_port, rule.to_port]) if {
	rule.protocol in {"tcp", "udp"}
} else := sprintf("every port of IP protocol %s", [rule.protocol])
