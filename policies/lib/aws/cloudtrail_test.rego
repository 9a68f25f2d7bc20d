package rampart.lib.aws.cloudtrail_test

import data.rampart.lib.aws.cloudtrail
import data.rampart.lib.aws.testing as t

test_terraform_trails if {
	doc := t.tf([
		t.res("aws_cloudtrail.defaults", {"name": "defaults", "s3_bucket_name": "logs"}),
		t.unknown(t.refs(t.res("aws_cloudtrail.full", {"name": "full", "is_multi_region_trail": true, "enable_log_file_validation": true, "enable_logging": false}), {"kms_key_id": ["aws_kms_key.k"], "s3_bucket_name": ["aws_s3_bucket.logs"]}), ["kms_key_id", "s3_bucket_name"]),
		t.res("aws_s3_bucket.logs", {}),
	])
	trails := cloudtrail.trails with input as doc
	d := trails["aws_cloudtrail.defaults"]
	[d.multi_region.value, d.multi_region.set, d.log_file_validation.value, d.kms_key.value, d.kms_key.known, d.logging.value, d.include_global_service_events.value] == [false, false, false, null, true, true, true]
	d.s3_bucket.value == "logs"
	f := trails["aws_cloudtrail.full"]
	[f.multi_region.value, f.multi_region.attribute, f.log_file_validation.value, f.kms_key.known, f.logging.value, f.s3_buckets] == [true, ["is_multi_region_trail"], true, false, false, ["aws_s3_bucket.logs"]]
}

test_cfn_trails if {
	doc := t.cfn_inactive(
		[
			t.ref(t.cres("Trail", "AWS::CloudTrail::Trail", {"IsLogging": true, "IsMultiRegionTrail": "false", "EnableLogFileValidation": "true", "KMSKeyId": "alias/trail"}), "S3BucketName", ["Logs"]),
			t.cres("Logs", "AWS::S3::Bucket", {}),
			t.unknown(t.cres("Cond", "AWS::CloudTrail::Trail", {"IsLogging": true}), ["IsMultiRegionTrail"]),
			t.cres("Gone", "AWS::CloudTrail::Trail", {}),
		],
		["Gone"],
	)
	trails := cloudtrail.trails with input as doc
	object.keys(trails) == {"Trail", "Cond"}
	tr := trails.Trail
	[tr.multi_region.value, tr.multi_region.set, tr.multi_region.attribute, tr.log_file_validation.value, tr.kms_key.value, tr.s3_buckets] == [false, true, ["IsMultiRegionTrail"], true, "alias/trail", ["Logs"]]
	[trails.Cond.multi_region.known, trails.Cond.multi_region.value] == [false, null]
}
