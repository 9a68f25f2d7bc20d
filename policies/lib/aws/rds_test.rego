package rampart.lib.aws.rds_test

import data.rampart.lib.aws.rds
import data.rampart.lib.aws.testing as t

test_instances_and_clusters if {
	doc := t.tf([
		t.res("aws_db_instance.a", {"engine": "postgres", "storage_encrypted": true}),
		t.res("aws_db_instance.b", {"engine": "mysql"}),
		t.res("aws_rds_cluster.c", {"engine": "aurora-postgresql", "storage_encrypted": false}),
	])
	dbs := rds.instances with input as doc
	{a: [d.kind, d.storage_encrypted, d.storage_encrypted_known, d.engine, d.inherits_encryption] | some a, d in dbs} == {
		"aws_db_instance.a": ["instance", true, true, "postgres", false],
		"aws_db_instance.b": ["instance", null, true, "mysql", false],
		"aws_rds_cluster.c": ["cluster", false, true, "aurora-postgresql", false],
	}
}

test_inherited_encryption if {
	doc := t.tf([
		t.res("aws_db_instance.replica", {"replicate_source_db": "main"}),
		t.unknown(t.res("aws_db_instance.replica2", {}), ["replicate_source_db"]),
		t.res("aws_db_instance.restored", {"snapshot_identifier": "snap"}),
		t.res("aws_rds_cluster.serverless", {"engine_mode": "serverless"}),
		t.res("aws_rds_cluster.serverless_off", {"engine_mode": "serverless", "storage_encrypted": false}),
		t.res("aws_rds_cluster.secondary", {"global_cluster_identifier": "global"}),
		t.res("aws_db_instance.plain", {"replicate_source_db": ""}),
	])
	dbs := rds.instances with input as doc
	{a | some a, d in dbs; d.inherits_encryption} == {
		"aws_db_instance.replica", "aws_db_instance.replica2", "aws_db_instance.restored",
		"aws_rds_cluster.serverless", "aws_rds_cluster.secondary",
	}
}

test_unknown_setting if {
	dbs := rds.instances with input as t.plan([t.unknown(t.res("aws_rds_cluster.c", {}), ["storage_encrypted"])])
	[dbs["aws_rds_cluster.c"].storage_encrypted_known, dbs["aws_rds_cluster.c"].storage_encrypted] == [false, null]
}

test_cfn_instances_and_clusters if {
	doc := t.cfn_inactive(
		[
			t.cres("Db", "AWS::RDS::DBInstance", {"Engine": "postgres", "StorageEncrypted": "true"}),
			t.cres("Plain", "AWS::RDS::DBInstance", {"Engine": "mysql"}),
			t.cres("Cluster", "AWS::RDS::DBCluster", {"Engine": "aurora-mysql", "StorageEncrypted": false}),
			t.unknown(t.cres("Maybe", "AWS::RDS::DBInstance", {}), ["StorageEncrypted"]),
			t.cres("Gone", "AWS::RDS::DBInstance", {}),
		],
		["Gone"],
	)
	dbs := rds.instances with input as doc
	{a: [d.kind, d.storage_encrypted, d.storage_encrypted_known, d.engine, d.inherits_encryption, d.storage_encrypted_attribute] | some a, d in dbs} == {
		"Db": ["instance", true, true, "postgres", false, ["StorageEncrypted"]],
		"Plain": ["instance", null, true, "mysql", false, ["StorageEncrypted"]],
		"Cluster": ["cluster", false, true, "aurora-mysql", false, ["StorageEncrypted"]],
		"Maybe": ["instance", null, false, null, false, ["StorageEncrypted"]],
	}
}

test_cfn_inherited_encryption if {
	doc := t.cfn([
		t.ref(t.cres("Replica", "AWS::RDS::DBInstance", {}), "SourceDBInstanceIdentifier", ["Main"]),
		t.cres("Restored", "AWS::RDS::DBInstance", {"DBSnapshotIdentifier": "snap"}),
		t.cres("Pitr", "AWS::RDS::DBInstance", {"SourceDBInstanceIdentifier": "main", "UseLatestRestorableTime": true}),
		t.ref(t.cres("Member", "AWS::RDS::DBInstance", {"Engine": "aurora-postgresql"}), "DBClusterIdentifier", ["Cluster"]),
		t.cres("Serverless", "AWS::RDS::DBCluster", {"EngineMode": "serverless"}),
		t.cres("ClusterRestore", "AWS::RDS::DBCluster", {"SnapshotIdentifier": "arn:aws:rds:eu-west-1:1:cluster-snapshot:s"}),
		t.cres("NotLatest", "AWS::RDS::DBCluster", {"UseLatestRestorableTime": false}),
		t.cres("Plain", "AWS::RDS::DBInstance", {"DBSnapshotIdentifier": ""}),
	])
	dbs := rds.instances with input as doc
	{a | some a, d in dbs; d.inherits_encryption} == {"Replica", "Restored", "Pitr", "Member", "Serverless", "ClusterRestore"}
}
