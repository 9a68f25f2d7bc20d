# METADATA
# title: Security group allows ingress from the internet to an administration or database port
# description: >-
#   Checks every ingress rule of every security group (inline ingress blocks of
#   aws_security_group and aws_default_security_group, aws_security_group_rule with type =
#   "ingress", aws_vpc_security_group_ingress_rule; in CloudFormation the SecurityGroupIngress
#   entries of AWS::EC2::SecurityGroup and AWS::EC2::SecurityGroupIngress resources) whose
#   source is the whole IPv4 (0.0.0.0/0)
#   or IPv6 (::/0) address space. It fails when the rule admits TCP or UDP traffic (or all
#   protocols, -1) to a remote administration port (22 SSH, 23 Telnet, 3389 RDP, 5900 VNC,
#   5985/5986 WinRM, 2375/2376 Docker API) or a database, cache or search port (1433 SQL
#   Server, 1521 Oracle, 3306 MySQL/MariaDB, 5432 PostgreSQL, 5439 Redshift, 5984 CouchDB,
#   6379 Redis, 9042 Cassandra, 9200/9300 Elasticsearch/OpenSearch, 11211 Memcached,
#   27017/27018 MongoDB), including all-port rules and port ranges that contain one. One finding
#   per open source block, on the attribute holding it. Rules whose protocol, ports or CIDR
#   blocks are unknown are skipped. CIS AWS Foundations 5.2 and 5.3 name the administration
#   ports; this rule is stricter and also covers data stores.
# custom:
#   id: RMP-AWS-EC2-001
#   severity: high
#   category: Network
#   risk: >-
#     Every host on the internet can reach the service: SSH, RDP and database ports are scanned
#     continuously and attacked with credential stuffing, brute force and exploits for unpatched
#     versions. One weak password, leaked key or vulnerable daemon gives an attacker a foothold
#     in the VPC or direct access to the data.
#   remediation: >-
#     Restrict the source to the networks that need access (office or VPN ranges, a bastion's
#     security group, a prefix list), or remove the rule and use AWS Systems Manager Session
#     Manager or EC2 Instance Connect Endpoint for administration and private connectivity
#     (VPC peering, PrivateLink, VPN) for databases.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
#   frameworks:
#     cis-aws-foundations: {"1.5.0": ["5.2", "5.3"]}
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
package rampart.aws.ec2.sensitive_port_open

import data.rampart.lib.aws.ec2

deny contains result if {
	some rule in ec2.ingress_rules
	rule.ports_known
	some source in rule.sources
	ec2.open_cidr(source.cidr)
	ports := ec2.exposed_sensitive_ports(rule)
	count(ports) > 0
	result := {
		"msg": sprintf("%s allows ingress from %s to %s.", [_rule_name(rule), source.cidr, _describe(rule, ports)]),
		"resource": rule.resource.address,
		"attribute": source.attribute,
	}
}

_rule_name(rule) := sprintf("Security group %s, ingress rule %d,", [rule.resource.address, rule.attribute[1]]) if {
	count(rule.attribute) == 2
} else := sprintf("Security group rule %s", [rule.resource.address])

_describe(rule, ports) := "all ports, SSH, RDP and database ports included" if {
	rule.all_ports
} else := sprintf("port %s", [_names(ports)]) if {
	rule.from_port == rule.to_port
} else := sprintf("ports %d-%d, including %s", [rule.from_port, rule.to_port, _names(ports)])

_names(ports) := concat(", ", [sprintf("%d (%s)", [p, ec2.sensitive_ports[p]]) | some p in sort(ports)])
