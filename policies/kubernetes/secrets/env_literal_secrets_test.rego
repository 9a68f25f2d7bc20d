package rampart.kubernetes.secrets.env_literal_secrets_test

import data.rampart.kubernetes.secrets.env_literal_secrets

_with_env(env) := {"name": "api", "image": "registry.example.com/api:2.3.1", "env": env}

test_secret_name_with_literal_value if {
	env := [
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "DB_PASSWORD", "value": "Sup3r-S3cret!"},
	]
	results := env_literal_secrets.deny with input as _pod({"containers": [_with_env(env)]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "env", 1, "value"]]}
	some r in results
	contains(r.msg, `"DB_PASSWORD"`)
	contains(r.msg, `"api"`)
	not contains(r.msg, "Sup3r-S3cret!")
}

test_known_formats_fire_whatever_the_name if {
	env := [
		{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"},
		{"name": "SSH_KEY", "value": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"},
		{"name": "GH", "value": "ghp_0123456789abcdefghijABCDEFGHIJ012345"},
		{"name": "SLACK_HOOK_CFG", "value": "xoxb-123456789012-abcdefghijkl"},
		{"name": "DATABASE_URL", "value": "postgres://app:pa55word@db.internal:5432/app"},
		{"name": "HARMLESS", "value": "hello"},
	]
	results := env_literal_secrets.deny with input as _deployment({"containers": [_with_env(env)]})
	base := array.concat(_deployment_path, ["containers", 0, "env"])
	_hits(results) == {
		["Deployment/web", array.concat(base, [0, "value"])],
		["Deployment/web", array.concat(base, [1, "value"])],
		["Deployment/web", array.concat(base, [2, "value"])],
		["Deployment/web", array.concat(base, [3, "value"])],
		["Deployment/web", array.concat(base, [4, "value"])],
	}
	every r in results {
		not contains(r.msg, "AKIAIOSFODNN7EXAMPLE")
		not contains(r.msg, "PRIVATE KEY-----")
		not contains(r.msg, "ghp_")
		not contains(r.msg, "xoxb-")
		not contains(r.msg, "pa55word")
	}
	msgs := concat("\n", {r.msg | some r in results})
	contains(msgs, "AWS access key ID")
	contains(msgs, "URL with a password")
}

test_cronjob_init_container_and_one_finding_per_entry if {
	env := [{"name": "API_TOKEN", "value": "ghp_0123456789abcdefghijABCDEFGHIJ012345"}]
	results := env_literal_secrets.deny with input as _cronjob({"initContainers": [_with_env(env)], "containers": [_with_env([])]})
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["initContainers", 0, "env", 0, "value"])]}
	count(results) == 1
}

test_name_patterns if {
	# "changeme" and "password" are real (default) passwords, not placeholders
	count(env_literal_secrets.deny) == 2 with input as _pod({"containers": [_with_env([
		{"name": "ADMIN_PASSWORD", "value": "changeme"},
		{"name": "ROOT_PASSWORD", "value": "password"},
	])]})
	names := ["PASSWORD", "db_passwd", "MYSQL_ROOT_PASSWORD", "REDIS_PWD", "JWT_SECRET", "OAUTH_CLIENT_SECRET", "API_KEY", "apiKey", "STRIPE_APIKEY", "PRIVATE_KEY", "GOOGLE_CREDENTIALS", "AWS_SECRET_ACCESS_KEY", "AUTH_TOKEN", "SESSION_KEY"]
	every name in names {
		count(env_literal_secrets.deny) == 1 with input as _pod({"containers": [_with_env([{"name": name, "value": "x9f3Kq2LmZ"}])]})
	}
}

test_not_secrets if {
	env := [
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "DB_PASSWORD_REF", "value": "$(DB_PASSWORD)"},
		{"name": "API_TOKEN", "value": "$(TOKEN_PREFIX)-$(TOKEN_BODY)"},
		{"name": "ADMIN_PASSWORD", "value": "${ADMIN_PASSWORD}"},
		{"name": "SECRET", "value": ""},
		{"name": "PASSWORD_FILE", "value": "/run/secrets/db-password"},
		{"name": "TOKEN_URL", "value": "https://auth.example.com/oauth/token"},
		{"name": "SECRET_NAME", "value": "db-credentials"},
		{"name": "TOKEN_TTL", "value": "3600"},
		{"name": "API_KEY_ROTATION_DAYS", "value": "90"},
		{"name": "ENABLE_TOKEN_AUTH", "value": "true"},
		{"name": "VAULT_TOKEN_PATH", "value": "/var/run/secrets/vault/token"},
		{"name": "TOKEN_ISSUER", "value": "https://issuer.example.com"},
		{"name": "PWD", "value": "/app"},
		{"name": "DATABASE_URL", "value": "postgres://app:$(DB_PASSWORD)@db:5432/app"},
		{"name": "PUBLIC_URL", "value": "https://example.com/a:b@c"},
		{"name": "ETCD_DISCOVERY_TOKEN", "value": "INSERT_ETCD_DISCOVERY_TOKEN"},
		{"name": "GITHUB_TOKEN", "value": "<your GitHub token>"},
		{"name": "API_KEY", "value": "REPLACE_ME"},
		{"name": "SMTP_PASSWORD", "value": "********"},
	]
	count(env_literal_secrets.deny) == 0 with input as _deployment({"containers": [_with_env(env)]})
	count(env_literal_secrets.deny) == 0 with input as _cronjob({"containers": [_with_env(env)]})
}

# --- input builders (document shape of docs/documents.md) ---

_doc(kind, name, config) := {
	"kind": "kubernetes",
	"path": "manifests/app.yaml",
	"resources": [_res(kind, name, config)],
}

_res(kind, name, config) := {
	"address": sprintf("%s/%s", [kind, name]),
	"type": kind,
	"provider": "kubernetes",
	"config": object.union({"kind": kind, "metadata": {"name": name}}, config),
	"unknown": [],
	"references": {},
	"location": {"path": "manifests/app.yaml", "start_line": 1, "end_line": 40},
}

_pod(spec) := _doc("Pod", "web", {"apiVersion": "v1", "spec": spec})

_deployment(spec) := _doc("Deployment", "web", {
	"apiVersion": "apps/v1",
	"spec": {
		"replicas": 2,
		"selector": {"matchLabels": {"app": "web"}},
		"template": {"metadata": {"labels": {"app": "web"}}, "spec": spec},
	},
})

_cronjob(spec) := _doc("CronJob", "backup", {
	"apiVersion": "batch/v1",
	"spec": {
		"schedule": "0 3 * * *",
		"jobTemplate": {"spec": {"template": {"spec": object.union({"restartPolicy": "OnFailure"}, spec)}}},
	},
})

_pod_path := ["spec"]

_deployment_path := ["spec", "template", "spec"]

_cronjob_path := ["spec", "jobTemplate", "spec", "template", "spec"]

# {[resource, attribute]} of a rule's results.
_hits(results) := {[r.resource, r.attribute] | some r in results}
