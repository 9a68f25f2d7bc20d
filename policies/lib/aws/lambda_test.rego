package rampart.lib.aws.lambda_test

import data.rampart.lib.aws.lambda
import data.rampart.lib.aws.testing as t

test_terraform_functions if {
	doc := t.tf([
		t.unknown(
			t.refs(
				t.res("aws_lambda_function.api", {
					"function_name": "api", "runtime": "python3.12",
					"vpc_config": [{"subnet_ids": [null], "security_group_ids": []}],
					"environment": [{"variables": {"STAGE": "prod"}}],
					"tracing_config": [{"mode": "Active"}],
					"reserved_concurrent_executions": -1,
				}),
				{"role": ["aws_iam_role.api"], "vpc_config.0.subnet_ids.0": ["aws_subnet.a"], "environment.0.variables.DB": ["aws_db_instance.db"]},
			),
			["role", "vpc_config.0.subnet_ids.0", "environment.0.variables.DB"],
		),
		t.res("aws_iam_role.api", {}),
		t.res("aws_lambda_function.plain", {"function_name": "plain", "role": "arn:aws:iam::1:role/x"}),
		t.unknown(t.refs(t.res("aws_lambda_permission.public", {"principal": "*", "action": "lambda:InvokeFunction"}), {"function_name": ["aws_lambda_function.api"]}), ["function_name"]),
		t.res("aws_lambda_permission.s3", {"function_name": "plain", "principal": "s3.amazonaws.com", "source_arn": "arn:aws:s3:::b"}),
		t.res("aws_lambda_function_url.plain", {"function_name": "plain", "authorization_type": "NONE"}),
	])
	fns := lambda.functions with input as doc
	api := fns["aws_lambda_function.api"]
	[api.name.value, api.runtime.value, api.role.known, api.roles] == ["api", "python3.12", false, ["aws_iam_role.api"]]
	api.vpc == {"value": true, "attribute": ["vpc_config"]}
	api.environment == {"attribute": ["environment", 0, "variables"], "variables": {"STAGE": "prod"}, "unknown": {"DB"}, "known": true}
	[api.tracing.value, api.reserved_concurrency.value, api.kms_key.set] == ["Active", null, false]
	[[p.resource.address, p.principal.value] | some p in api.permissions] == [["aws_lambda_permission.public", "*"]]
	lambda.public_permission(api.permissions[0])
	api.url == null
	plain := fns["aws_lambda_function.plain"]
	[plain.role.value, plain.vpc.value, plain.tracing.value, plain.tracing.set] == ["arn:aws:iam::1:role/x", false, "PassThrough", false]
	not lambda.public_permission(plain.permissions[0])
	[plain.url.resource.address, plain.url.auth_type.value] == ["aws_lambda_function_url.plain", "NONE"]
}

test_cfn_functions if {
	doc := t.cfn_inactive(
		[
			t.ref(t.cres("Fn", "AWS::Lambda::Function", {"Runtime": "nodejs20.x", "TracingConfig": {"Mode": "Active"}, "KmsKeyArn": "arn:aws:kms:eu-west-1:1:key/k", "ReservedConcurrentExecutions": 5}), "Role", ["FnRole"]),
			t.cres("FnRole", "AWS::IAM::Role", {}),
			t.ref(t.cres("Invoke", "AWS::Lambda::Permission", {"Principal": "*", "Action": "lambda:InvokeFunction"}), "FunctionName", ["Fn"]),
			t.ref(t.cres("Url", "AWS::Lambda::Url", {"AuthType": "AWS_IAM"}), "TargetFunctionArn", ["Fn"]),
			t.cres("Sam", "AWS::Serverless::Function", {"Runtime": "python3.12", "Tracing": "Active", "FunctionUrlConfig": {"AuthType": "NONE"}, "VpcConfig": {"SubnetIds": ["subnet-1"]}}),
			t.unknown(t.cres("Hidden", "AWS::Lambda::Function", {}), ["VpcConfig", "Environment"]),
			t.ref(t.cres("GonePermission", "AWS::Lambda::Permission", {"Principal": "*"}), "FunctionName", ["Sam"]),
		],
		["GonePermission"],
	)
	fns := lambda.functions with input as doc
	object.keys(fns) == {"Fn", "Sam", "Hidden"}
	fn := fns.Fn
	[fn.runtime.value, fn.roles, fn.tracing.value, fn.kms_key.value, fn.reserved_concurrency.value, fn.vpc.value] == ["nodejs20.x", ["FnRole"], "Active", "arn:aws:kms:eu-west-1:1:key/k", 5, false]
	[[p.resource.address, p.principal.value] | some p in fn.permissions] == [["Invoke", "*"]]
	lambda.public_permission(fn.permissions[0])
	[fn.url.resource.address, fn.url.auth_type.value] == ["Url", "AWS_IAM"]
	sam := fns.Sam
	[sam.tracing.value, sam.vpc.value, sam.url.attribute, sam.url.auth_type.value, sam.permissions] == ["Active", true, ["FunctionUrlConfig"], "NONE", []]
	[fns.Hidden.vpc.value, fns.Hidden.environment.known] == [null, false]
}
