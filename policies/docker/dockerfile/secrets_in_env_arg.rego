# METADATA
# title: Secret in ENV or ARG
# description: >-
#   Checks the ENV and ARG instructions of every stage (ONBUILD ones included), and the ARGs
#   declared before the first FROM, which are reported on the first stage's FROM line. A variable
#   fails when its name says it holds a secret (password, passwd, passphrase, secret, token,
#   credentials, api_key, access_key, private_key, secret_key, ...; names ending in _file, _path,
#   _url, _name, _id and the like only point at a secret) and it is given a literal, non-empty
#   value, or when its value, whatever the name, matches a known credential format (AWS access key
#   id, PEM private key, GitHub, GitLab, Slack, Stripe, npm or Google API tokens). Values that are
#   only a variable reference (`$TOKEN`, `${TOKEN}`) or a file path are not secrets. An ARG with a
#   secret-like name and no default yields a warning only: the value is not in the Dockerfile, but
#   build arguments are written to the image history of every RUN that sees them; so does an ENV
#   with a secret-like name whose value is a variable reference (`ENV NPM_TOKEN=$NPM_TOKEN` bakes
#   the build argument into the image). Messages name the variable, never its value.
# custom:
#   id: RMP-DOCKER-005
#   severity: critical
#   category: Secrets
#   risk: >-
#     ENV values are stored in the image configuration and build arguments in the image history, so
#     anyone who can pull the image (or read the Dockerfile in source control) reads the credential
#     with `docker inspect` or `docker history`, and it stays in every copy of the image and every
#     registry it was pushed to, even after the variable is removed in a later build.
#   remediation: >-
#     Remove the value from the Dockerfile and rotate the credential. Pass build-time secrets with
#     BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, built
#     with `docker build --secret id=npm_token,env=NPM_TOKEN`) and runtime secrets when the
#     container starts (orchestrator secrets, `docker run --env-file`, a secrets manager), or point
#     the application at a file (`DB_PASSWORD_FILE=/run/secrets/db_password`).
#   references:
#     - https://docs.docker.com/build/building/secrets/
#     - https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.10"]}
#   aliases:
#     trivy: [AVD-DS-0031, DS031]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.secrets_in_env_arg

import data.rampart.lib.docker

# ENV or ARG instructions of a stage that set secrets.
deny contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_found)
}

_found contains [x, msg] if {
	input.kind == "dockerfile"
	some cmd in ["env", "arg"]
	some x in docker.commands_of(cmd)
	keys := {p.key | some p in docker.pairs(x.instruction); leaks(p)}
	count(keys) > 0
	msg := sprintf("%s in %s sets %s to a literal secret value", [_instruction_name(x), x.resource.address, _names(keys)])
}

# ARGs declared before the first FROM belong to no stage: the finding is reported on the first
# stage (its FROM line), the first place the value can be used.
deny contains result if {
	input.kind == "dockerfile"
	keys := {p.key | some p in _global_args; leaks(p)}
	count(keys) > 0
	some first in docker.stages
	first.config.index == 0
	result := {
		"msg": sprintf("ARG before the first FROM sets %s to a literal secret value", [_names(keys)]),
		"resource": first.address,
	}
}

# ARG without default (or with an empty one) whose name says it is a secret: advice only, the
# value is not in the Dockerfile.
warn contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_advice)
}

_advice contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.commands_of("arg")
	keys := {p.key | some p in docker.pairs(x.instruction); _no_default(p.value); secret_name(p.key)}
	count(keys) > 0
	msg := sprintf("%s in %s declares %s: build arguments are recorded in the image history of each RUN that uses them; pass the secret with RUN --mount=type=secret instead", [_instruction_name(x), x.resource.address, _names(keys)])
}

# ENV with a secret name whose value comes from a variable (usually a build argument): advice
# only, the value is unknown here, but whatever it is at build time is stored in the image.
_advice contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.commands_of("env")
	keys := {p.key | some p in docker.pairs(x.instruction); is_string(p.value); contains(p.value, "$"); not leaks(p); secret_name(p.key)}
	count(keys) > 0
	msg := sprintf("%s in %s copies %s from a variable into the image configuration, where anyone who can pull the image reads it; use RUN --mount=type=secret for build-time secrets and inject runtime secrets when the container starts", [_instruction_name(x), x.resource.address, _names(keys)])
}

_no_default(null)

_no_default(v) if {
	is_string(v)
	docker.unquote(v) == ""
}

_instruction_name(x) := concat(" ", ["ONBUILD", upper(x.instruction.cmd)]) if x.onbuild

else := upper(x.instruction.cmd)

_global_args := a if {
	a := input.args
	is_array(a)
} else := []

_names(keys) := concat(", ", [sprintf("%q", [k]) | some k in sort(keys)])

# leaks(pair): the pair sets a secret: a known credential format, or a secret name with a literal value.
leaks(pair) if {
	is_string(pair.value)
	secret_format(pair.value)
}

leaks(pair) if {
	is_string(pair.key)
	secret_name(pair.key)
	literal_value(pair.value)
}

# literal_value(v): a value that is written out, not taken from elsewhere.
literal_value(v) if {
	is_string(v)
	s := docker.unquote(v)
	s != ""
	not regex.match(`^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$`, s) # only a variable reference
	not regex.match(`^(/|~/|\./|\.\./)\S*$`, s) # a file path: the secret lives elsewhere
	not lower(s) in {"true", "false"}
}

# --- names -------------------------------------------------------------------------------------

# name_tokens(key): the lower-case words of a variable name: "dbPassword" and "DB-PASSWORD" -> ["db", "password"].
name_tokens(key) := [t |
	some t in regex.split(`[^a-z0-9]+`, lower(regex.replace(key, `([a-z0-9])([A-Z])`, "${1}_${2}")))
	t != ""
]

# secret_name(key): the name says the variable holds a secret itself (not where to find one).
secret_name(key) if {
	tokens := name_tokens(key)
	count(tokens) > 0
	_secret_tail(tokens)
}

_secret_words := {
	"password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "credentials",
	"credential", "creds", "privatekey", "secretkey", "accesskey", "authkey", "pat",
}

_secret_key_qualifiers := {"api", "access", "private", "secret", "auth", "signing", "encryption", "master", "app", "license"}

# the name ends with a secret word: DB_PASSWORD, GITHUB_TOKEN, JWT_SECRET
_secret_tail(tokens) if {
	tokens[count(tokens) - 1] in _secret_words
	tokens != ["pwd"] # $PWD is the working directory
}

# or with <qualifier>_key: API_KEY, AWS_SECRET_ACCESS_KEY, RAILS_MASTER_KEY
_secret_tail(tokens) if {
	n := count(tokens)
	n >= 2
	tokens[n - 1] == "key"
	tokens[n - 2] in _secret_key_qualifiers
}

# or with a secret name followed by _base/_value: SECRET_KEY_BASE, CLIENT_SECRET_VALUE
_secret_tail(tokens) if {
	n := count(tokens)
	n >= 2
	tokens[n - 1] in {"base", "value"}
	tokens[n - 2] in _secret_words
}

_secret_tail(tokens) if {
	n := count(tokens)
	n >= 3
	tokens[n - 1] in {"base", "value"}
	tokens[n - 2] == "key"
	tokens[n - 3] in _secret_key_qualifiers
}

# --- values ------------------------------------------------------------------------------------

# secret_format(v): the value contains a credential in a well-known, recognisable format.
secret_format(v) if {
	some pattern in _secret_patterns
	regex.match(pattern, v)
}

_secret_patterns := [
	`\b(AKIA|ASIA)[0-9A-Z]{16}\b`, # AWS access key id
	`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, # PEM / OpenSSH / PGP private key
	`\bgh[pousr]_[A-Za-z0-9]{36,}\b`, # GitHub tokens
	`\bgithub_pat_[A-Za-z0-9_]{22,}\b`, # GitHub fine-grained token
	`\bglpat-[A-Za-z0-9_-]{20,}\b`, # GitLab personal access token
	`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`, # Slack tokens
	`\b[sr]k_live_[A-Za-z0-9]{20,}\b`, # Stripe live keys
	`\bnpm_[A-Za-z0-9]{36}\b`, # npm access token
	`\bAIza[0-9A-Za-z_-]{35}\b`, # Google API key
]
