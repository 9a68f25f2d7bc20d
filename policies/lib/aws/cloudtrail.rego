# AWS adapter library: CloudTrail trails (not a rule: no METADATA, no deny).
#
# trails[address] is one entry per aws_cloudtrail / AWS::CloudTrail::Trail. Settings are
# util.field objects ({value, set, known, attribute}) with the service defaults applied:
#   resource                       the trail
#   name                           the trail name, null when not set
#   multi_region                   false (default) or true
#   log_file_validation            false (default) or true
#   kms_key                        the KMS key encrypting the log files, null when not set
#                                  (SSE-S3); known false when it is a reference
#   logging                        true (Terraform's default) or false: the trail records
#   include_global_service_events  true (default) or false
#   organization                   false (default) or true
#   s3_bucket                      the bucket the logs are delivered to, null when unknown
#   s3_buckets                     the addresses of the buckets of the document it refers to
#   cloudwatch_logs_group          the CloudWatch Logs group ARN, null when not set
package rampart.lib.aws.cloudtrail

import data.rampart.lib.aws.util

_types := {
	"aws_cloudtrail": {
		"name": "name", "multi": "is_multi_region_trail", "validation": "enable_log_file_validation",
		"kms": "kms_key_id", "logging": "enable_logging", "global": "include_global_service_events",
		"org": "is_organization_trail", "bucket": "s3_bucket_name", "cw": "cloud_watch_logs_group_arn",
	},
	"AWS::CloudTrail::Trail": {
		"name": "TrailName", "multi": "IsMultiRegionTrail", "validation": "EnableLogFileValidation",
		"kms": "KMSKeyId", "logging": "IsLogging", "global": "IncludeGlobalServiceEvents",
		"org": "IsOrganizationTrail", "bucket": "S3BucketName", "cw": "CloudWatchLogsLogGroupArn",
	},
}

trails[addr] := {
	"resource": r,
	"name": util.field(r, [spec.name], null),
	"multi_region": util.bool_field(r, [spec.multi], false),
	"log_file_validation": util.bool_field(r, [spec.validation], false),
	"kms_key": util.field(r, [spec.kms], null),
	"logging": util.bool_field(r, [spec.logging], true),
	"include_global_service_events": util.bool_field(r, [spec.global], true),
	"organization": util.bool_field(r, [spec.org], false),
	"s3_bucket": util.field(r, [spec.bucket], null),
	"s3_buckets": sort([b.address | some b in util.referenced(r, spec.bucket); b.type in {"aws_s3_bucket", "AWS::S3::Bucket"}]),
	"cloudwatch_logs_group": util.field(r, [spec.cw], null),
} if {
	some t, spec in _types
	some addr, r in util.of_type(t)
}
