package rampart.aws.rds.storage_unencrypted_test

import data.rampart.aws.rds.storage_unencrypted as rule
import data.rampart.lib.aws.testing as t

test_unencrypted_databases_in_every_kind if {
	every kind in t.kinds {
		doc := t.doc(kind, [
			t.res("aws_db_instance.off", {"engine": "postgres", "storage_encrypted": false}),
			t.res("aws_db_instance.unset", {"engine": "mysql"}),
			t.res("aws_rds_cluster.off", {"engine": "aurora-postgresql", "storage_encrypted": false}),
			t.res("aws_db_instance.on", {"engine": "postgres", "storage_encrypted": true}),
		])
		t.hits(rule.deny) == {
			["aws_db_instance.off", ["storage_encrypted"]],
			["aws_db_instance.unset", null],
			["aws_rds_cluster.off", ["storage_encrypted"]],
		} with input as doc
	}
	results := rule.deny with input as t.tf([t.res("aws_rds_cluster.c", {})])
	some r in results
	r.msg == "DB cluster aws_rds_cluster.c does not encrypt its storage (storage_encrypted is not set)."
}

test_count_and_module_addresses if {
	doc := t.state([
		t.res("module.db.aws_db_instance.this[0]", {"engine": "postgres", "storage_encrypted": false}),
		t.res("module.db.aws_db_instance.this[1]", {"engine": "postgres", "storage_encrypted": true}),
	])
	t.hits(rule.deny) == {["module.db.aws_db_instance.this[0]", ["storage_encrypted"]]} with input as doc
}

test_inherited_encryption_is_not_reported if {
	doc := t.tf([
		t.res("aws_db_instance.replica", {"replicate_source_db": "main"}),
		t.res("aws_db_instance.restored", {"snapshot_identifier": "main-final"}),
		t.res("aws_rds_cluster.serverless", {"engine_mode": "serverless"}),
		t.res("aws_db_instance.member", {"engine": "aurora-mysql", "cluster_identifier": "c"}),
	])
	count(rule.deny) == 0 with input as doc
}

test_unknown_setting_is_silent if {
	count(rule.deny) == 0 with input as t.plan([t.unknown(t.res("aws_rds_cluster.c", {}), ["storage_encrypted"])])
}
