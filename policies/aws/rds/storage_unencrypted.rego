# METADATA
# title: RDS database storage not encrypted
# description: >-
#   Checks every RDS DB instance (aws_db_instance) and Aurora or Multi-AZ DB cluster
#   (aws_rds_cluster): storage_encrypted must be true. It fails when storage_encrypted is false
#   or not set (the provider default is false). Databases that take their encryption from
#   elsewhere are skipped: read replicas (replicate_source_db, replication_source_identifier),
#   restores from a snapshot or a point in time, secondary clusters of a global database,
#   Aurora Serverless v1 clusters (always encrypted) left at the default, and aws_db_instance
#   members of an Aurora cluster (the cluster decides). In CloudFormation, AWS::RDS::DBInstance
#   and AWS::RDS::DBCluster must set StorageEncrypted: true; read replicas
#   (SourceDBInstanceIdentifier, SourceDBClusterIdentifier), restores (DBSnapshotIdentifier,
#   SnapshotIdentifier, point-in-time restores), cluster members (DBClusterIdentifier) and
#   global secondaries are skipped the same way. Unknown settings are skipped.
# custom:
#   id: RMP-AWS-RDS-001
#   severity: high
#   category: Data
#   risk: >-
#     The database files, automated backups, snapshots and read replicas are stored
#     unencrypted: anyone who gets hold of a snapshot (shared by mistake, copied to another
#     account) reads every record, and encryption cannot be turned on later without a migration.
#   remediation: >-
#     Set storage_encrypted = true with kms_key_id set to a customer-managed KMS key. An existing
#     unencrypted database has to be migrated: snapshot it, copy the snapshot with encryption,
#     and restore a new instance or cluster from the encrypted copy.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
#   frameworks:
#     cis-aws-foundations: {"1.5.0": ["2.3.1"]}
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
package rampart.aws.rds.storage_unencrypted

import data.rampart.lib.aws.rds

deny contains result if {
	some db in rds.instances
	db.storage_encrypted_known
	db.storage_encrypted != true
	not db.inherits_encryption
	not _aurora_member(db)
	result := object.union(
		{
			"msg": sprintf("%s %s does not encrypt its storage (%s).", [_kind(db), db.resource.address, _why(db)]),
			"resource": db.resource.address,
		},
		_attribute(db),
	)
}

# an aws_db_instance of an Aurora engine is a cluster member: the cluster's setting applies
_aurora_member(db) if {
	db.kind == "instance"
	startswith(db.engine, "aurora")
}

_attribute(db) := {"attribute": db.storage_encrypted_attribute} if db.storage_encrypted == false

else := {}

_kind(db) := "DB cluster" if db.kind == "cluster"

else := "DB instance"

_why(db) := sprintf("%s = false", [_setting(db)]) if db.storage_encrypted == false

else := sprintf("%s is not set", [_setting(db)])

# the setting's name as the source writes it (storage_encrypted, StorageEncrypted)
_setting(db) := db.storage_encrypted_attribute[count(db.storage_encrypted_attribute) - 1]
