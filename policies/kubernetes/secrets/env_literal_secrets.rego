# METADATA
# title: Secret written as a literal environment variable value
# description: |
#   Reports each env entry of every container, init container and ephemeral container whose
#   literal value (env[].value, not valueFrom) is a secret:
#   - the value has the format of a well-known credential, whatever the variable's name: AWS
#     access key ID (AKIA/ASIA...), PEM private key, GitHub token (ghp_, gho_, ghu_, ghs_,
#     ghr_, github_pat_), GitLab token (glpat-), Slack token (xoxb-, xoxp-, ...), Google API
#     key (AIza...), Stripe live key (sk_live_, rk_live_), JSON Web Token, or a URL with a
#     password (scheme://user:password@host);
#   - or the variable's name says it holds a secret (password, passwd, pwd, secret, token,
#     api_key, private_key, credential, access_key, auth_key, client_secret, ...) and the value
#     is not empty, not only $(VAR) references or ${VAR}/{{ }} placeholders, not an obvious
#     placeholder (<token>, INSERT_TOKEN, REPLACE_ME, your-key, xxxx, ****), not a boolean, not
#     a short number and not an absolute file path. Names ending in a suffix that describes
#     something other than the secret itself (_FILE, _PATH, _DIR, _URL, _ENDPOINT, _HOST,
#     _NAME, _ID, _TTL, _TIMEOUT, _LENGTH, _ENABLED, _TYPE, _ISSUER, _NAMESPACE, ...) are
#     skipped.
#   The finding names the variable, never its value.
# custom:
#   id: RMP-K8S-015
#   severity: high
#   category: Secrets
#   risk: |
#     A literal secret in a manifest is stored in version control, CI logs, rendered charts and
#     the API server (readable by anyone who can get the workload), and it is visible to every
#     process in the container through its environment. It cannot be rotated without editing
#     and redeploying the manifest.
#   remediation: |
#     Remove the value from the manifest and rotate the secret. Store it in a Secret (or an
#     external secret manager) and mount it as a file; if the application only reads
#     environment variables, use env[].valueFrom.secretKeyRef.
#   references:
#     - https://kubernetes.io/docs/concepts/configuration/secret/
#     - https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.4.1"]}
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.secrets.env_literal_secrets

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	env := c.container.env
	is_array(env)
	some i, entry in env
	is_object(entry)
	value := entry.value
	is_string(value)
	value != ""
	reason := _reason(object.get(entry, "name", ""), value)
	result := {
		"msg": sprintf("Container %q sets environment variable %q to a literal %s; use a Secret instead.", [
			k8s.container_name(c), _env_name(entry, i), reason,
		]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["env", i, "value"]),
	}
}

# Well-known credential formats: [description, pattern].
_formats := [
	["AWS access key ID", `\b(AKIA|ASIA)[0-9A-Z]{16}\b`],
	["private key", `-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----`],
	["GitHub token", `\bgh[pousr]_[A-Za-z0-9]{36,}`],
	["GitHub token", `\bgithub_pat_[A-Za-z0-9_]{22,}`],
	["GitLab token", `\bglpat-[A-Za-z0-9_-]{20,}`],
	["Slack token", `\bxox[abposr]-[A-Za-z0-9-]{10,}`],
	["Google API key", `\bAIza[0-9A-Za-z_-]{35}`],
	["Stripe live key", `\b[rs]k_live_[0-9A-Za-z]{20,}`],
	["JSON Web Token", `\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`],
]

_secret_name := `(?i)(passw(or)?d|passphrase|(^|[_.-])pwd($|[_.-])|secret|token|api[_.-]?key|private[_.-]?key|credential|access[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|session[_.-]?key)`

_descriptive_suffix := `(?i)[_.-](file|path|dir|directory|url|uri|endpoint|host|hostname|port|name|id|ttl|timeout|expiry|expiration|lifetime|length|size|enabled|type|header|version|location|mount|namespace|prefix|provider|backend|store|format|algorithm|issuer|audience|scope|scopes)$`

_reason(name, value) := sprintf("value in the format of a %s", [format[0]]) if {
	some format in _formats
	regex.match(format[1], value)
} else := "value containing a URL with a password" if {
	some match in regex.find_all_string_submatch_n(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@`, value, -1)
	not startswith(match[1], "$(")
} else := "value, and its name says it is a secret" if {
	is_string(name)
	regex.match(_secret_name, name)
	not regex.match(_descriptive_suffix, name)
	not _not_a_secret(value)
}

# Values that are not secrets even under a secret-sounding name.
_not_a_secret(value) if {
	# only $(VAR) references (expanded by the kubelet), ${VAR} or {{ }} placeholders
	rest := regex.replace(value, `\$\([^)]*\)|\$\{[^}]*\}|\{\{[^}]*\}\}`, "")
	not regex.match(`[A-Za-z0-9]`, rest)
}

_not_a_secret(value) if lower(trim_space(value)) in {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null"}

_not_a_secret(value) if regex.match(`^[0-9]{1,5}$`, trim_space(value))

_not_a_secret(value) if regex.match(`^/[^\s]*$`, value)

# Obvious placeholders and masked values: <token>, INSERT_TOKEN, REPLACE-ME, your-key, xxxx, ****.
_not_a_secret(value) if regex.match(`^(<[^<>]*>|(?i:(insert|replace|your|todo)([_-][A-Za-z0-9_-]*)?)|[xX]+|\*+)$`, trim_space(value))

_env_name(entry, i) := entry.name if {
	is_string(entry.name)
} else := sprintf("env[%d]", [i])
