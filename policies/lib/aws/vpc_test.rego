package rampart.lib.aws.vpc_test

import data.rampart.lib.aws.testing as t
import data.rampart.lib.aws.vpc

test_terraform_vpcs_and_flow_logs if {
	doc := t.tf([
		t.res("aws_vpc.main", {"cidr_block": "10.0.0.0/16"}),
		t.res("aws_vpc.bare", {"cidr_block": "10.1.0.0/16"}),
		t.res("aws_default_vpc.default", {}),
		t.unknown(t.refs(t.res("aws_flow_log.main", {"traffic_type": "ALL"}), {"vpc_id": ["aws_vpc.main"]}), ["vpc_id"]),
		t.unknown(t.refs(t.res("aws_flow_log.subnet", {"traffic_type": "REJECT"}), {"subnet_id": ["aws_subnet.a"]}), ["subnet_id"]),
		t.res("aws_subnet.a", {}),
	])
	logs := vpc.flow_logs with input as doc
	m := logs["aws_flow_log.main"]
	[m.target_type, m.target, m.target_known, m.vpc, m.traffic_type.value, m.destination_type.value] == ["VPC", "aws_vpc.main", true, "aws_vpc.main", "ALL", "cloud-watch-logs"]
	s := logs["aws_flow_log.subnet"]
	[s.target_type, s.target, s.vpc] == ["Subnet", "aws_subnet.a", null]
	vpcs := vpc.vpcs with input as doc
	[vpcs["aws_vpc.main"].flow_logs, vpcs["aws_vpc.main"].cidr.value, vpcs["aws_vpc.main"].default] == [["aws_flow_log.main"], "10.0.0.0/16", false]
	[vpcs["aws_vpc.bare"].flow_logs, vpcs["aws_vpc.bare"].flow_logs_unknown] == [[], false]
	vpcs["aws_default_vpc.default"].default == true
}

test_terraform_state_joins_by_id if {
	doc := t.state([
		t.res("aws_vpc.main", {"id": "vpc-1"}),
		t.res("aws_flow_log.main", {"vpc_id": "vpc-1", "traffic_type": "ALL"}),
		t.res("aws_flow_log.elsewhere", {"vpc_id": "vpc-9", "traffic_type": "ALL"}),
	])
	vpc.vpcs["aws_vpc.main"].flow_logs == ["aws_flow_log.main"] with input as doc
	vpc.flow_logs["aws_flow_log.elsewhere"].target_id == "vpc-9" with input as doc
	vpc.flow_logs["aws_flow_log.elsewhere"].target_known == true with input as doc
}

test_unresolved_flow_logs_may_cover_any_vpc if {
	doc := t.plan([
		t.res("aws_vpc.main", {}),
		t.unknown(t.res("aws_flow_log.x", {"traffic_type": "ALL"}), ["vpc_id"]),
	])
	vpc.vpcs["aws_vpc.main"].flow_logs_unknown == true with input as doc
	vpc.flow_logs["aws_flow_log.x"].target_known == false with input as doc
}

test_cfn_vpcs_and_flow_logs if {
	doc := t.cfn_inactive(
		[
			t.cres("Vpc", "AWS::EC2::VPC", {"CidrBlock": "10.0.0.0/16"}),
			t.cres("Bare", "AWS::EC2::VPC", {"CidrBlock": "10.1.0.0/16"}),
			t.ref(t.cres("Flow", "AWS::EC2::FlowLog", {"ResourceType": "VPC", "TrafficType": "ALL", "LogDestinationType": "s3"}), "ResourceId", ["Vpc"]),
			t.ref(t.cres("GoneFlow", "AWS::EC2::FlowLog", {"ResourceType": "VPC", "TrafficType": "ALL"}), "ResourceId", ["Bare"]),
			t.cres("Literal", "AWS::EC2::FlowLog", {"ResourceType": "VPC", "ResourceId": "vpc-0123", "TrafficType": "REJECT"}),
		],
		["GoneFlow"],
	)
	logs := vpc.flow_logs with input as doc
	object.keys(logs) == {"Flow", "Literal"}
	f := logs.Flow
	[f.target_type, f.target, f.vpc, f.destination_type.value] == ["VPC", "Vpc", "Vpc", "s3"]
	[logs.Literal.target, logs.Literal.target_id, logs.Literal.target_known, logs.Literal.vpc] == [null, "vpc-0123", true, null]
	vpcs := vpc.vpcs with input as doc
	[vpcs.Vpc.flow_logs, vpcs.Bare.flow_logs, vpcs.Bare.flow_logs_unknown] == [["Flow"], [], false]

	# a flow log on an imported VPC id may be any VPC's
	imported := t.cfn([t.cres("Vpc", "AWS::EC2::VPC", {}), t.unknown(t.cres("Flow", "AWS::EC2::FlowLog", {"ResourceType": "VPC"}), ["ResourceId"])])
	vpc.vpcs.Vpc.flow_logs_unknown == true with input as imported
}
