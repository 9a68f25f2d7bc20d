package rampart.lib.config_test

import data.rampart.lib.config

test_default_without_parameters if {
	config.param("RMP-X-001", "limit", 3) == 3
}

test_configured_value_wins if {
	config.param("RMP-X-001", "limit", 3) == 7 with data.rampart.parameters as {"RMP-X-001": {"limit": 7}}
}

test_other_rule_untouched if {
	config.param("RMP-X-002", "limit", 3) == 3 with data.rampart.parameters as {"RMP-X-001": {"limit": 7}}
}
