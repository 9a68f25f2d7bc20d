# AWS adapter library: Lambda functions (not a rule: no METADATA, no deny).
#
# functions[address] is one entry per function: aws_lambda_function, AWS::Lambda::Function and
# AWS::Serverless::Function (SAM, with Globals merged by the normalizer). Settings are
# util.field objects ({value, set, known, attribute}):
#   resource              the function resource
#   name                  the function name, null when not set
#   runtime               e.g. "python3.12"; null when not set (container images)
#   role                  the execution role's ARN when literal; roles: the addresses of the
#                         roles of the document it refers to
#   vpc                   {value: true when the function is attached to subnets, false when
#                         not, null when unknown; attribute}
#   environment           {attribute, variables: the known variables, unknown: names of the
#                         variables whose value is unknown, known: false when the whole map is}
#   kms_key               the key encrypting environment variables, null when not set
#   tracing               "Active" or "PassThrough" (default "PassThrough")
#   reserved_concurrency  a number, null when not set
#   dead_letter_target    the dead-letter queue/topic ARN, null when not set
#   url                   the function URL configuration: {resource, attribute, auth_type
#                         (a field: "NONE" or "AWS_IAM")} from aws_lambda_function_url,
#                         AWS::Lambda::Url or SAM FunctionUrlConfig, null when none
#   permissions           [{resource, principal, source_arn, source_account, action,
#                         url_auth_type}] (fields) of the aws_lambda_permission and
#                         AWS::Lambda::Permission resources granting access to the function,
#                         sorted by address
package rampart.lib.aws.lambda

import data.rampart.lib.aws.util

_types := {
	"aws_lambda_function": {
		"name": ["function_name"], "runtime": ["runtime"], "role": "role",
		"subnets": ["vpc_config", 0, "subnet_ids"], "vpc": ["vpc_config"],
		"environment": ["environment", 0, "variables"], "kms": ["kms_key_arn"],
		"tracing": ["tracing_config", 0, "mode"], "concurrency": ["reserved_concurrent_executions"],
		"dlq": ["dead_letter_config", 0, "target_arn"], "url": "-",
	},
	"AWS::Lambda::Function": {
		"name": ["FunctionName"], "runtime": ["Runtime"], "role": "Role",
		"subnets": ["VpcConfig", "SubnetIds"], "vpc": ["VpcConfig"],
		"environment": ["Environment", "Variables"], "kms": ["KmsKeyArn"],
		"tracing": ["TracingConfig", "Mode"], "concurrency": ["ReservedConcurrentExecutions"],
		"dlq": ["DeadLetterConfig", "TargetArn"], "url": "-",
	},
	"AWS::Serverless::Function": {
		"name": ["FunctionName"], "runtime": ["Runtime"], "role": "Role",
		"subnets": ["VpcConfig", "SubnetIds"], "vpc": ["VpcConfig"],
		"environment": ["Environment", "Variables"], "kms": ["KmsKeyArn"],
		"tracing": ["Tracing"], "concurrency": ["ReservedConcurrentExecutions"],
		"dlq": ["DeadLetterQueue", "TargetArn"], "url": "FunctionUrlConfig",
	},
}

functions[addr] := {
	"resource": r,
	"name": util.field(r, spec.name, null),
	"runtime": util.field(r, spec.runtime, null),
	"role": util.field(r, [spec.role], null),
	"roles": sort([x.address | some x in util.referenced(r, spec.role); x.type in {"aws_iam_role", "AWS::IAM::Role"}]),
	"vpc": _vpc(r, spec),
	"environment": _environment(r, spec.environment),
	"kms_key": util.field(r, spec.kms, null),
	"tracing": util.field(r, spec.tracing, "PassThrough"),
	"reserved_concurrency": _concurrency(r, spec.concurrency),
	"dead_letter_target": util.field(r, spec.dlq, null),
	"url": _url(addr, r, spec.url),
	"permissions": _permissions(addr),
} if {
	some t, spec in _types
	some addr, r in util.of_type(t)
}

_vpc(r, spec) := {"value": null, "attribute": spec.vpc} if {
	util.unknown_at(r, spec.subnets)
} else := {"value": count(subnets) > 0, "attribute": spec.vpc} if {
	subnets := object.get(r.config, spec.subnets, [])
	is_array(subnets)
} else := {"value": false, "attribute": spec.vpc}

_environment(r, path) := {
	"attribute": path,
	"variables": {k: v | some k, v in object.get(r.config, path, {}); util.known(r, array.concat(path, [k]))},
	"unknown": util.unknown_children(r, path),
	"known": util.value_known(r, path),
}

# Terraform's -1 means "no reservation"
_concurrency(r, path) := object.union(f, {"value": null}) if {
	f := util.field(r, path, null)
	util.number(f.value) == -1
} else := util.field(r, path, null)

# the function URL: a SAM function's own FunctionUrlConfig, else the first linked URL resource
_url(addr, r, key) := {"resource": r, "attribute": [key], "auth_type": util.field(r, [key, "AuthType"], null)} if {
	key != "-"
	object.get(r.config, key, null) != null
} else := {"resource": u, "attribute": [], "auth_type": util.field(u, [_url_auth[u.type]], null)} if {
	urls := object.get(_linked, [addr, "url"], set())
	first := sort([x.address | some x in urls])[0]
	some u in urls
	u.address == first
} else := null

_url_auth := {"aws_lambda_function_url": "authorization_type", "AWS::Lambda::Url": "AuthType"}

_permissions(addr) := [{
	"resource": p,
	"principal": util.field(p, [names.principal], null),
	"source_arn": util.field(p, [names.source_arn], null),
	"source_account": util.field(p, [names.source_account], null),
	"action": util.field(p, [names.action], null),
	"url_auth_type": util.field(p, [names.url_auth], null),
} |
	ps := object.get(_linked, [addr, "permission"], set())
	some a in sort([x.address | some x in ps])
	some p in ps
	p.address == a
	names := _permission_names[p.type]
]

_permission_names := {
	"aws_lambda_permission": {"principal": "principal", "source_arn": "source_arn", "source_account": "source_account", "action": "action", "url_auth": "function_url_auth_type"},
	"AWS::Lambda::Permission": {"principal": "Principal", "source_arn": "SourceArn", "source_account": "SourceAccount", "action": "Action", "url_auth": "FunctionUrlAuthType"},
}

# resources pointing at a function: [type, attribute naming the function, field]
_linking := [
	["aws_lambda_permission", "function_name", "permission"],
	["AWS::Lambda::Permission", "FunctionName", "permission"],
	["aws_lambda_function_url", "function_name", "url"],
	["AWS::Lambda::Url", "TargetFunctionArn", "url"],
]

# _linked[function address][field]: by reference, or by the function's literal name or ARN
_linked[f.address][field] contains x if {
	some [t, key, field] in _linking
	some x in util.of_type(t)
	some f in _functions_named(x, key)
}

_functions_named(x, key) := {f |
	some f in util.referenced(x, key)
	_types[f.type]
} | {f |
	some n in util.names(x, [key])
	some f in object.get(_by_name, n, set())
}

_by_name[n] contains r if {
	some t, spec in _types
	some r in util.of_type(t)
	some n in util.identifiers(r, [spec.name[0], "arn", "qualified_arn"])
}

# public_permission(p): permission entry p grants invocation to everyone ("*") without
# narrowing it to a source ARN or account.
public_permission(p) if {
	p.principal.known
	p.principal.value == "*"
	p.source_arn.known
	p.source_arn.value == null
	p.source_account.known
	p.source_account.value == null
}
