package rampart.lib.aws.eks_test

import data.rampart.lib.aws.eks
import data.rampart.lib.aws.testing as t

test_terraform_clusters if {
	doc := t.tf([
		t.res("aws_eks_cluster.open", {"name": "open", "vpc_config": [{"subnet_ids": ["s"]}]}),
		t.unknown(
			t.refs(
				t.res("aws_eks_cluster.locked", {
					"name": "locked",
					"vpc_config": [{"endpoint_public_access": false, "endpoint_private_access": true}],
					"enabled_cluster_log_types": ["api", "audit"],
					"encryption_config": [{"resources": ["secrets"], "provider": [{}]}],
				}),
				{"encryption_config.0.provider.0.key_arn": ["aws_kms_key.k"]},
			),
			["encryption_config.0.provider.0.key_arn"],
		),
		t.unknown(t.res("aws_eks_cluster.unknown", {}), ["encryption_config", "enabled_cluster_log_types", "vpc_config"]),
	])
	clusters := eks.clusters with input as doc
	open := clusters["aws_eks_cluster.open"]
	[open.endpoint_public_access.value, open.endpoint_public_access.set, open.endpoint_private_access.value] == [true, false, false]
	[open.public_access_cidrs.value, open.public_access_cidrs.set] == [["0.0.0.0/0"], false]
	[open.logging.value, open.logging.set, open.logging.known] == [set(), false, true]
	[open.encryption, open.encryption_known] == [null, true]
	locked := clusters["aws_eks_cluster.locked"]
	[locked.endpoint_public_access.value, locked.endpoint_public_access.attribute] == [false, ["vpc_config", 0, "endpoint_public_access"]]
	locked.logging.value == {"api", "audit"}
	[locked.encryption.resources, locked.encryption.key.known, locked.encryption.attribute] == [["secrets"], false, ["encryption_config", 0]]
	unknown := clusters["aws_eks_cluster.unknown"]
	[unknown.encryption_known, unknown.logging.known, unknown.endpoint_public_access.known] == [false, false, false]
}

test_cfn_clusters if {
	doc := t.cfn_inactive(
		[
			t.cres("Cluster", "AWS::EKS::Cluster", {
				"ResourcesVpcConfig": {"EndpointPublicAccess": "true", "PublicAccessCidrs": ["0.0.0.0/0"]},
				"Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}, {"Type": "audit"}, {"Type": "authenticator"}]}},
				"EncryptionConfig": [{"Resources": ["secrets"], "Provider": {"KeyArn": "arn:aws:kms:eu-west-1:1:key/k"}}],
			}),
			t.cres("Private", "AWS::EKS::Cluster", {"ResourcesVpcConfig": {"EndpointPublicAccess": false, "EndpointPrivateAccess": true}}),
			t.cres("Gone", "AWS::EKS::Cluster", {}),
		],
		["Gone"],
	)
	clusters := eks.clusters with input as doc
	object.keys(clusters) == {"Cluster", "Private"}
	c := clusters.Cluster
	[c.endpoint_public_access.value, c.endpoint_public_access.set, c.public_access_cidrs.value, c.public_access_cidrs.set] == [true, true, ["0.0.0.0/0"], true]
	c.logging.value == {"api", "audit", "authenticator"}
	c.logging.attribute == ["Logging", "ClusterLogging", "EnabledTypes"]
	[c.encryption.resources, c.encryption.key.value, c.encryption.attribute] == [["secrets"], "arn:aws:kms:eu-west-1:1:key/k", ["EncryptionConfig", 0]]
	p := clusters.Private
	[p.endpoint_public_access.value, p.endpoint_private_access.value, p.encryption, p.logging.value] == [false, true, null, set()]
}
