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

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_databases if {
	doc := t.cfn([
		t.cres("Off", "AWS::RDS::DBInstance", {"Engine": "postgres", "StorageEncrypted": "false"}),
		t.cres("Unset", "AWS::RDS::DBInstance", {"Engine": "mysql"}),
		t.cres("Cluster", "AWS::RDS::DBCluster", {"Engine": "aurora-postgresql"}),
		t.cres("On", "AWS::RDS::DBInstance", {"Engine": "postgres", "StorageEncrypted": true}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["Off", ["StorageEncrypted"]], ["Unset", null], ["Cluster", null]}
	{r.msg | some r in results} == {
		"DB instance Off does not encrypt its storage (StorageEncrypted = false).",
		"DB instance Unset does not encrypt its storage (StorageEncrypted is not set).",
		"DB cluster Cluster does not encrypt its storage (StorageEncrypted is not set).",
	}
}

test_cfn_inherited_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.ref(t.cres("Replica", "AWS::RDS::DBInstance", {"Engine": "mysql"}), "SourceDBInstanceIdentifier", ["Main"]),
			t.cres("Restored", "AWS::RDS::DBInstance", {"DBSnapshotIdentifier": "final"}),
			t.ref(t.cres("Member", "AWS::RDS::DBInstance", {"Engine": "aurora-mysql"}), "DBClusterIdentifier", ["Cluster"]),
			t.cres("Serverless", "AWS::RDS::DBCluster", {"EngineMode": "serverless"}),
			t.unknown(t.cres("Param", "AWS::RDS::DBInstance", {}), ["StorageEncrypted"]),
			t.cres("Gone", "AWS::RDS::DBInstance", {"StorageEncrypted": false}),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
