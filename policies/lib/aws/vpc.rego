# AWS adapter library: VPCs and their flow logs (not a rule: no METADATA, no deny).
#
# flow_logs[address] is one entry per aws_flow_log / AWS::EC2::FlowLog:
#   resource          the flow log
#   target_type       what it records: "VPC", "Subnet", "NetworkInterface", "TransitGateway"
#                     or "TransitGatewayAttachment"; null when that cannot be told
#   target            the address of the recorded resource when it is in the document, else
#                     null; target_id its literal id when written (state files, literal ids)
#   target_known      false when the target's value is unknown and refers to no resource of
#                     the document (it may record any VPC)
#   vpc               the address of the VPC it covers as a whole (target_type "VPC"), else null
#   traffic_type      a util.field: "ALL", "ACCEPT" or "REJECT" (null when not set)
#   destination_type  a util.field: "cloud-watch-logs" (default), "s3", "kinesis-data-firehose"
#
# vpcs[address] is one entry per aws_vpc, aws_default_vpc and AWS::EC2::VPC:
#   resource           the VPC
#   default            it is the region's default VPC (aws_default_vpc)
#   cidr               a util.field: the IPv4 CIDR block, null when not set or unknown
#   flow_logs          sorted addresses of the flow logs covering the whole VPC
#   flow_logs_unknown  some flow log's target cannot be told and might be this VPC
package rampart.lib.aws.vpc

import data.rampart.lib.aws.util

_vpc_types := {
	"aws_vpc": {"default": false, "cidr": "cidr_block"},
	"aws_default_vpc": {"default": true, "cidr": "cidr_block"},
	"AWS::EC2::VPC": {"default": false, "cidr": "CidrBlock"},
}

# Terraform: the attribute naming the recorded resource, by target type
_tf_targets := {
	"VPC": "vpc_id",
	"Subnet": "subnet_id",
	"NetworkInterface": "eni_id",
	"TransitGateway": "transit_gateway_id",
	"TransitGatewayAttachment": "transit_gateway_attachment_id",
}

flow_logs[addr] := _flow_log(r, type_attr[0], type_attr[1], "traffic_type", "log_destination_type") if {
	util.terraform
	some addr, r in util.of_type("aws_flow_log")
	type_attr := _tf_target(r)
}

flow_logs[addr] := _flow_log(r, _cfn_type(r), "ResourceId", "TrafficType", "LogDestinationType") if {
	util.cloudformation
	some addr, r in util.of_type("AWS::EC2::FlowLog")
}

_flow_log(r, target_type, attr, traffic, destination) := {
	"resource": r,
	"target_type": target_type,
	"target": target,
	"target_id": _literal(r, attr),
	"target_known": _target_known(r, attr, target),
	"vpc": _vpc_of(target_type, target),
	"traffic_type": util.field(r, [traffic], null),
	"destination_type": util.field(r, [destination], "cloud-watch-logs"),
} if {
	target := _target(r, attr)
}

# the Terraform target attribute that is set, known or unknown (first in _tf_targets order)
_tf_target(r) := [t, attr] if {
	found := [[t, attr] |
		some t in ["VPC", "Subnet", "NetworkInterface", "TransitGateway", "TransitGatewayAttachment"]
		attr := _tf_targets[t]
		_written(r, attr)
	]
	count(found) > 0
	[t, attr] := found[0]
} else := [null, "vpc_id"]

_written(r, attr) if object.get(r.config, attr, null) != null

_written(r, attr) if util.unknown(r, [attr])

_cfn_type(r) := t if {
	t := util.known_value(r, ["ResourceType"])
	is_string(t)
} else := null

_literal(r, attr) := v if {
	v := util.known_value(r, [attr])
	util.literal(v)
} else := null

# the recorded resource: referenced, else named by its id (state files, literal ids)
_target(r, attr) := t if {
	ts := sort([x.address | some x in util.referenced(r, attr)])
	count(ts) > 0
	t := ts[0]
} else := t if {
	id := _literal(r, attr)
	ts := sort([x.address | some x in object.get(_by_id, id, set())])
	count(ts) > 0
	t := ts[0]
} else := null

_target_known(r, attr, target) if target != null

else if {
	util.known(r, [attr])
} else := false

_by_id[id] contains x if {
	some t, _ in _vpc_types
	some x in util.of_type(t)
	some id in util.identifiers(x, ["id", "arn"])
}

_vpc_of(t, target) := target if {
	t == "VPC"
	target != null
	_is_vpc(target)
} else := null

_is_vpc(_) if util.terraform

_is_vpc(target) if object.get(util.cfn_resources, target, {}).type == "AWS::EC2::VPC"

# _covering[vpc address]: the flow logs of whole VPCs
_covering[v.vpc] contains addr if {
	some addr, v in flow_logs
	v.vpc != null
}

# a flow log that may record any VPC: its type is VPC (or unknown) and its target cannot be told
_unresolved_flow_log if {
	some v in flow_logs
	v.target_type in {"VPC", null}
	not v.target_known
}

vpcs[addr] := {
	"resource": r,
	"default": spec.default,
	"cidr": util.field(r, [spec.cidr], null),
	"flow_logs": sort(object.get(_covering, addr, set())),
	"flow_logs_unknown": _flow_logs_unknown(addr),
} if {
	some t, spec in _vpc_types
	some addr, r in util.of_type(t)
}

_flow_logs_unknown(addr) if {
	count(object.get(_covering, addr, set())) == 0
	_unresolved_flow_log
} else := false
