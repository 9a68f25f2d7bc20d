# Rule parameters from the configuration file (.rampart.yaml: rules.<RULE-ID>.parameters).
# The engine puts them at data.rampart.parameters[<RULE-ID>]; under stock `opa test` there are
# none and every rule gets its defaults.
package rampart.lib.config

# param(rule_id, name, fallback) is the configured value of parameter name for rule_id, or fallback.
param(rule_id, name, fallback) := value if {
	value := data.rampart.parameters[rule_id][name]
} else := fallback
