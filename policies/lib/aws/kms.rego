# AWS adapter library: KMS keys (not a rule: no METADATA, no deny).
#
# keys[address] is one entry per aws_kms_key / AWS::KMS::Key. Settings are util.field objects
# ({value, set, known, attribute}) with the service defaults applied:
#   resource              the key
#   rotation              automatic rotation: false (default) or true
#   key_spec              "SYMMETRIC_DEFAULT" (default), "RSA_2048", "HMAC_256", ...
#   key_usage             "ENCRYPT_DECRYPT" (default), "SIGN_VERIFY", "GENERATE_VERIFY_MAC", ...
#   rotation_applicable   true when KMS can rotate the key automatically (a symmetric
#                         encryption key), false when it cannot, null when unknown
#   enabled               true (default) or false
#   multi_region          false (default) or true
#   deletion_window       days, null when not set (30)
#   policy_statements     the key policy's statements (iam.statements), [] when none is written
#   policy_unknown        the key policy cannot be fully known
package rampart.lib.aws.kms

import data.rampart.lib.aws.iam
import data.rampart.lib.aws.util

_types := {
	"aws_kms_key": {
		"rotation": "enable_key_rotation", "spec": "customer_master_key_spec", "usage": "key_usage",
		"enabled": "is_enabled", "multi": "multi_region", "window": "deletion_window_in_days", "policy": "policy",
	},
	"AWS::KMS::Key": {
		"rotation": "EnableKeyRotation", "spec": "KeySpec", "usage": "KeyUsage",
		"enabled": "Enabled", "multi": "MultiRegion", "window": "PendingWindowInDays", "policy": "KeyPolicy",
	},
}

keys[addr] := {
	"resource": r,
	"rotation": util.bool_field(r, [spec.rotation], false),
	"key_spec": spec_field,
	"key_usage": usage,
	"rotation_applicable": _applicable(spec_field, usage),
	"enabled": util.bool_field(r, [spec.enabled], true),
	"multi_region": util.bool_field(r, [spec.multi], false),
	"deletion_window": util.field(r, [spec.window], null),
	"policy_statements": iam.statements(r, [spec.policy]),
	"policy_unknown": _policy_unknown(r, [spec.policy]),
} if {
	some t, spec in _types
	some addr, r in util.of_type(t)
	spec_field := util.field(r, [spec.spec], "SYMMETRIC_DEFAULT")
	usage := util.field(r, [spec.usage], "ENCRYPT_DECRYPT")
}

_applicable(s, u) := s.value == "SYMMETRIC_DEFAULT" if {
	s.known
	u.known
	u.value == "ENCRYPT_DECRYPT"
} else := false if {
	u.known
	u.value != "ENCRYPT_DECRYPT"
} else := false if {
	s.known
	s.value != "SYMMETRIC_DEFAULT"
} else := null

_policy_unknown(r, path) if iam.document_unknown(r, path)

else := false
