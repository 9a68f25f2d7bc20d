# AWS adapter library: EKS clusters (not a rule: no METADATA, no deny).
#
# clusters[address] is one entry per aws_eks_cluster / AWS::EKS::Cluster. Settings are
# util.field objects ({value, set, known, attribute}) with the service defaults applied:
#   resource                 the cluster
#   name                     the cluster name, null when not set
#   version                  the Kubernetes version, null when not set
#   endpoint_public_access   true (default) or false
#   endpoint_private_access  false (default) or true
#   public_access_cidrs      the CIDR blocks allowed to reach the public endpoint; not set:
#                            ["0.0.0.0/0"] (with set = false); unknown elements make known false
#   logging                  the enabled control plane log types (api, audit, authenticator,
#                            controllerManager, scheduler) as a set; {} when not set
#   encryption               envelope encryption of Kubernetes secrets: {attribute, resources
#                            (e.g. ["secrets"]), key (a field: the KMS key ARN)}, null when
#                            not configured; encryption_known false when that cannot be told
package rampart.lib.aws.eks

import data.rampart.lib.aws.util

_tf := {
	"name": ["name"], "version": ["version"],
	"public": ["vpc_config", 0, "endpoint_public_access"],
	"private": ["vpc_config", 0, "endpoint_private_access"],
	"cidrs": ["vpc_config", 0, "public_access_cidrs"],
	"logging": ["enabled_cluster_log_types"],
	"encryption": ["encryption_config"],
}

_cfn := {
	"name": ["Name"], "version": ["Version"],
	"public": ["ResourcesVpcConfig", "EndpointPublicAccess"],
	"private": ["ResourcesVpcConfig", "EndpointPrivateAccess"],
	"cidrs": ["ResourcesVpcConfig", "PublicAccessCidrs"],
	"logging": ["Logging", "ClusterLogging", "EnabledTypes"],
	"encryption": ["EncryptionConfig"],
}

_types := {"aws_eks_cluster": _tf, "AWS::EKS::Cluster": _cfn}

clusters[addr] := {
	"resource": r,
	"name": util.field(r, spec.name, null),
	"version": util.field(r, spec.version, null),
	"endpoint_public_access": util.bool_field(r, spec.public, true),
	"endpoint_private_access": util.bool_field(r, spec.private, false),
	"public_access_cidrs": _cidrs(r, spec.cidrs),
	"logging": _logging(r, spec.logging),
	"encryption": object.get(enc, "value", null),
	"encryption_known": enc != {},
} if {
	some t, spec in _types
	some addr, r in util.of_type(t)
	enc := _encryption(r, spec.encryption)
}

_cidrs(r, path) := object.union(f, {"value": ["0.0.0.0/0"]}) if {
	f := util.list_field(r, path)
	f.known
	not f.set
} else := util.list_field(r, path)

# enabled log types: a list of strings (Terraform) or of {Type} objects (CloudFormation)
_logging(r, path) := {
	"value": {t |
		some e in object.get(r.config, path, [])
		t := _log_type(e)
	},
	"set": object.get(r.config, path, null) != null,
	"known": true,
	"attribute": path,
} if not _logging_unknown(r, path)

else := {"value": set(), "set": false, "known": false, "attribute": path}

_logging_unknown(r, path) if util.unknown(r, path)

_logging_unknown(r, path) if {
	some e in object.get(r.config, path, [])
	e == null
}

_log_type(e) := e if is_string(e)

_log_type(e) := e.Type if is_string(e.Type)

# the first encryption configuration; {} when it cannot be known
_encryption(r, path) := {} if {
	util.unknown_at(r, path)
} else := {"value": {
	"attribute": p,
	"resources": [x | some x in util.first(object.get(r.config, path, null))[_res[r.type]]; is_string(x)],
	"key": util.field(r, array.concat(array.concat(p, [_provider[r.type]]), _key_suffix[r.type]), null),
}} if {
	configs := object.get(r.config, path, [])
	count(configs) > 0
	p := util.block_path(r, path)
	is_object(util.first(configs))
} else := {"value": null}

_res := {"aws_eks_cluster": "resources", "AWS::EKS::Cluster": "Resources"}

_provider := {"aws_eks_cluster": "provider", "AWS::EKS::Cluster": "Provider"}

_key_suffix := {"aws_eks_cluster": [0, "key_arn"], "AWS::EKS::Cluster": ["KeyArn"]}
