# AWS adapter library: security group ingress rules (not a rule: no METADATA, no deny).
#
# ingress_rules[[address, path]] is one entry per ingress rule, wherever it is written:
#   - inline `ingress` blocks of aws_security_group and aws_default_security_group
#     (path "ingress.<i>");
#   - aws_security_group_rule resources with type = "ingress" (path "");
#   - aws_vpc_security_group_ingress_rule resources (path "");
#   - CloudFormation: SecurityGroupIngress entries of AWS::EC2::SecurityGroup
#     (path "SecurityGroupIngress.<i>") and AWS::EC2::SecurityGroupIngress resources (path "",
#     the group from GroupId: a Ref or GetAtt, else a literal GroupName).
#
# Fields of an entry:
#   resource            the resource holding the rule (the group for inline blocks)
#   attribute           path of the rule inside resource.config ([] for rule resources)
#   group               address of the security group the rule belongs to, when it can be told
#                       (an instance address when the group is in the document, else the
#                       referenced address without instance keys), else null
#   cidrs_v4, cidrs_v6  the known source CIDR blocks (unknown elements left out)
#   cidrs_v4_attribute, cidrs_v6_attribute   paths of the attributes holding them
#   sources             one {cidr, family ("ipv4" or "ipv6"), attribute} per known CIDR block,
#                       attribute being the path to report it at: the CIDR attribute, or the
#                       list element when another element of the list is unknown
#   protocol            "tcp", "udp", "icmp", "icmpv6", "-1" (all) or the protocol number as
#                       a string; null when unknown
#   from_port, to_port  numbers, null when not set or unknown
#   all_ports           the rule admits every port: protocol -1, or tcp/udp 0-65535
#   ports_known         protocol is known and, for tcp and udp, both ports are known
#   description         the rule's description, null when not set
#
# instances[address] is one entry per resource that launches EC2 instances with instance
# metadata (IMDS) options: aws_instance, aws_launch_template, aws_launch_configuration,
# AWS::EC2::Instance, AWS::EC2::LaunchTemplate (LaunchTemplateData) and
# AWS::AutoScaling::LaunchConfiguration:
#   resource            the resource
#   kind                "instance", "launch_template" or "launch_configuration"
#   metadata_options    path of the metadata options block / property (report there when
#                       http_tokens is not set but the block is)
#   metadata_options_set  the block / property is written
#   http_tokens         util.field: "required" or "optional" when set, null when not set
#                       (the AMI's or account's default applies: IMDSv1 stays enabled unless
#                       the AMI says otherwise)
#   http_endpoint       util.field, default "enabled"
#   hop_limit           util.field of the PUT response hop limit, null when not set
#   launch_template     address of the launch template of the document an instance is
#                       launched from (its settings apply when the instance sets none), else null
package rampart.lib.aws.ec2

import data.rampart.lib.aws.util
import data.rampart.lib.terraform as tf

# Security group types that hold inline ingress blocks.
group_types := {"aws_security_group", "aws_default_security_group"}

# open_cidr(c): the CIDR block is the whole IPv4 or IPv6 address space (any /0).
open_cidr(c) if {
	is_string(c)
	endswith(trim_space(c), "/0")
}

# covers_port(rule, port): rule admits TCP or UDP traffic to port (ICMP and other protocols
# have no ports).
covers_port(rule, _) if rule.protocol == "-1"

covers_port(rule, port) if {
	rule.protocol in {"tcp", "udp"}
	rule.from_port <= port
	port <= rule.to_port
}

# sensitive_ports: remote administration, database, cache and search ports, by number (the
# ports RMP-AWS-EC2-001 protects; RMP-AWS-EC2-002 reports the other ones).
sensitive_ports := {
	22: "SSH",
	23: "Telnet",
	1433: "SQL Server",
	1521: "Oracle",
	2375: "Docker API",
	2376: "Docker API",
	3306: "MySQL",
	3389: "RDP",
	5432: "PostgreSQL",
	5439: "Redshift",
	5900: "VNC",
	5984: "CouchDB",
	5985: "WinRM",
	5986: "WinRM",
	6379: "Redis",
	9042: "Cassandra",
	9200: "Elasticsearch",
	9300: "Elasticsearch",
	11211: "Memcached",
	27017: "MongoDB",
	27018: "MongoDB",
}

# exposed_sensitive_ports(rule): the sensitive ports an ingress rule admits traffic to.
exposed_sensitive_ports(rule) := {port |
	some port, _ in sensitive_ports
	covers_port(rule, port)
}

# --- the view ------------------------------------------------------------------------------------

# inline ingress blocks
ingress_rules[[addr, tf.path_string(["ingress", i])]] := entry if {
	util.terraform
	some t in group_types
	some addr, r in util.of_type(t)
	some i, block in object.get(r.config, "ingress", [])
	is_object(block)
	path := ["ingress", i]
	entry := _entry(r, path, block, addr, {
		"cidrs_v4": "cidr_blocks",
		"cidrs_v6": "ipv6_cidr_blocks",
		"protocol": "protocol",
		"from_port": "from_port",
		"to_port": "to_port",
	})
}

# aws_security_group_rule with type = "ingress"
ingress_rules[[addr, ""]] := entry if {
	util.terraform
	some addr, r in util.of_type("aws_security_group_rule")
	util.known_value(r, ["type"]) == "ingress"
	entry := _entry(r, [], r.config, _group(r), {
		"cidrs_v4": "cidr_blocks",
		"cidrs_v6": "ipv6_cidr_blocks",
		"protocol": "protocol",
		"from_port": "from_port",
		"to_port": "to_port",
	})
}

# aws_vpc_security_group_ingress_rule
ingress_rules[[addr, ""]] := entry if {
	util.terraform
	some addr, r in util.of_type("aws_vpc_security_group_ingress_rule")
	entry := _entry(r, [], r.config, _group(r), {
		"cidrs_v4": "cidr_ipv4",
		"cidrs_v6": "cidr_ipv6",
		"protocol": "ip_protocol",
		"from_port": "from_port",
		"to_port": "to_port",
	})
}

# CloudFormation: SecurityGroupIngress entries of AWS::EC2::SecurityGroup
ingress_rules[[addr, util.path_string(path)]] := entry if {
	util.cloudformation
	some addr, r in util.of_type("AWS::EC2::SecurityGroup")
	some i, block in object.get(r.config, "SecurityGroupIngress", [])
	is_object(block)
	path := ["SecurityGroupIngress", i]
	entry := _entry(r, path, block, addr, _cfn_names)
}

# CloudFormation: AWS::EC2::SecurityGroupIngress
ingress_rules[[addr, ""]] := entry if {
	util.cloudformation
	some addr, r in util.of_type("AWS::EC2::SecurityGroupIngress")
	entry := _entry(r, [], r.config, _cfn_group(r), _cfn_names)
}

_cfn_names := {
	"cidrs_v4": "CidrIp",
	"cidrs_v6": "CidrIpv6",
	"protocol": "IpProtocol",
	"from_port": "FromPort",
	"to_port": "ToPort",
}

_entry(r, path, block, group, names) := {
	"resource": r,
	"attribute": path,
	"group": group,
	"cidrs_v4": [x.cidr | some x in v4],
	"cidrs_v6": [x.cidr | some x in v6],
	"sources": array.concat(v4, v6),
	"cidrs_v4_attribute": array.concat(path, [names.cidrs_v4]),
	"cidrs_v6_attribute": array.concat(path, [names.cidrs_v6]),
	"protocol": protocol,
	"from_port": from,
	"to_port": to,
	"all_ports": _all_ports(protocol, from, to),
	"ports_known": _ports_known(protocol, from, to),
	"description": object.get(block, "description", null),
} if {
	v4 := _sources(r, path, block, names.cidrs_v4, "ipv4")
	v6 := _sources(r, path, block, names.cidrs_v6, "ipv6")
	protocol := _protocol(r, array.concat(path, [names.protocol]), object.get(block, names.protocol, null))
	from := _port(r, array.concat(path, [names.from_port]), block)
	to := _port(r, array.concat(path, [names.to_port]), block)
}

# the known CIDR blocks of an attribute (a list, or a single string for the VPC rule resources),
# each with the path to report: the attribute when it is wholly known, else the element
_sources(r, path, block, name, family) := array.concat(
	[{"cidr": c, "family": family, "attribute": at} |
		attr := array.concat(path, [name])
		v := object.get(block, name, null)
		is_array(v)
		some j, c in v
		is_string(c)
		c != ""
		element := array.concat(attr, [j])
		util.known(r, element)
		at := _source_path(r, attr, element)
	],
	[{"cidr": c, "family": family, "attribute": attr} |
		attr := array.concat(path, [name])
		c := object.get(block, name, null)
		is_string(c)
		c != ""
		util.known(r, attr)
	],
)

_source_path(r, attr, element) := attr if util.known(r, attr)

else := element

# protocol names as the EC2 API accepts them, normalized
_protocol_names := {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}

_protocol(r, path, v) := p if {
	v != null
	util.known(r, path)
	s := lower(trim_space(sprintf("%v", [v])))
	p := object.get(_protocol_names, s, s)
} else := null

_port(r, path, block) := n if {
	util.known(r, path)
	n := util.number(block[path[count(path) - 1]])
} else := null

_all_ports(protocol, from, to) if {
	protocol == "-1"
} else if {
	# tcp/udp covering every port
	protocol in {"tcp", "udp"}
	is_number(from)
	is_number(to)
	from <= 0
	to >= 65535
} else := false

_ports_known(protocol, from, to) if {
	protocol != null
	not protocol in {"tcp", "udp"} # -1, ICMP (ports are type and code) and protocols without ports
} else if {
	protocol != null
	is_number(from)
	is_number(to)
} else := false

# --- groups --------------------------------------------------------------------------------------

# the security group a rule resource belongs to: the group it refers to, else the group whose
# id it names (state files), else the referenced address, else null
_group(r) := g if {
	candidates := sort([sg.address |
		some sg in tf.referenced(r, "security_group_id")
		sg.type in group_types
	])
	count(candidates) > 0
	g := candidates[0]
} else := g if {
	id := util.known_value(r, ["security_group_id"])
	candidates := sort([sg.address | some sg in object.get(_groups_by_id, id, set())])
	count(candidates) > 0
	g := candidates[0]
} else := g if {
	refs := sort([tf.strip_keys(ref) | some ref in object.get(r, ["references", "security_group_id"], [])])
	count(refs) > 0
	g := refs[0]
} else := null

# security groups by id and ARN (state files)
_groups_by_id[id] contains sg if {
	some t in group_types
	some sg in util.of_type(t)
	some id in util.identifiers(sg, ["id", "arn"])
}

# the security group of an AWS::EC2::SecurityGroupIngress: the group GroupId refers to, else
# the group whose GroupName it names, else the referenced address, else null
_cfn_group(r) := g if {
	candidates := sort([sg.address |
		some sg in util.referenced(r, "GroupId")
		sg.type == "AWS::EC2::SecurityGroup"
	])
	count(candidates) > 0
	g := candidates[0]
} else := g if {
	name := util.known_value(r, ["GroupName"])
	candidates := sort([sg.address |
		some sg in util.of_type("AWS::EC2::SecurityGroup")
		util.known_value(sg, ["GroupName"]) == name
	])
	count(candidates) > 0
	g := candidates[0]
} else := g if {
	refs := sort([ref | some ref in object.get(r, ["references", "GroupId"], [])])
	count(refs) > 0
	g := refs[0]
} else := null

# --- instances (IMDS) ------------------------------------------------------------------------------

# where each launching resource type keeps its metadata options, and their setting names
_imds_types := {
	"aws_instance": {"kind": "instance", "block": ["metadata_options"], "tokens": "http_tokens", "endpoint": "http_endpoint", "hops": "http_put_response_hop_limit", "template": "launch_template"},
	"aws_launch_template": {"kind": "launch_template", "block": ["metadata_options"], "tokens": "http_tokens", "endpoint": "http_endpoint", "hops": "http_put_response_hop_limit", "template": "-"},
	"aws_launch_configuration": {"kind": "launch_configuration", "block": ["metadata_options"], "tokens": "http_tokens", "endpoint": "http_endpoint", "hops": "http_put_response_hop_limit", "template": "-"},
	"AWS::EC2::Instance": {"kind": "instance", "block": ["MetadataOptions"], "tokens": "HttpTokens", "endpoint": "HttpEndpoint", "hops": "HttpPutResponseHopLimit", "template": "LaunchTemplate"},
	"AWS::EC2::LaunchTemplate": {"kind": "launch_template", "block": ["LaunchTemplateData", "MetadataOptions"], "tokens": "HttpTokens", "endpoint": "HttpEndpoint", "hops": "HttpPutResponseHopLimit", "template": "-"},
	"AWS::AutoScaling::LaunchConfiguration": {"kind": "launch_configuration", "block": ["MetadataOptions"], "tokens": "HttpTokens", "endpoint": "HttpEndpoint", "hops": "HttpPutResponseHopLimit", "template": "-"},
}

instances[addr] := {
	"resource": r,
	"kind": spec.kind,
	"metadata_options": base,
	"metadata_options_set": object.get(r.config, spec.block, null) != null,
	"http_tokens": _lower(util.field(r, array.concat(base, [spec.tokens]), null)),
	"http_endpoint": _lower(util.field(r, array.concat(base, [spec.endpoint]), "enabled")),
	"hop_limit": util.field(r, array.concat(base, [spec.hops]), null),
	"launch_template": _launch_template(r, spec.template),
} if {
	some t, spec in _imds_types
	some addr, r in util.of_type(t)
	base := util.block_path(r, spec.block)
}

_lower(f) := object.union(f, {"value": lower(f.value)}) if is_string(f.value)

else := f

_launch_template(r, key) := lts[0] if {
	lts := sort([lt.address |
		some lt in util.referenced(r, key)
		lt.type in {"aws_launch_template", "AWS::EC2::LaunchTemplate"}
	])
	count(lts) > 0
} else := null

# imdsv1_enabled(i): instance entry i lets software on the instance read the metadata without
# a session token (IMDSv1): the endpoint is enabled and tokens are not required, both known.
imdsv1_enabled(i) if {
	i.http_endpoint.known
	i.http_endpoint.value != "disabled"
	i.http_tokens.known
	i.http_tokens.value != "required"
}
