# AWS adapter library: RDS databases (not a rule: no METADATA, no deny).
#
# instances[address] is one entry per DB instance (aws_db_instance, AWS::RDS::DBInstance) and
# Aurora / Multi-AZ DB cluster (aws_rds_cluster, AWS::RDS::DBCluster):
#   resource                    the resource
#   kind                        "instance" or "cluster"
#   storage_encrypted_attribute ["storage_encrypted"] or ["StorageEncrypted"]
#   storage_encrypted           true or false when set and known, null when not set
#   storage_encrypted_known     false when the setting is unknown (storage_encrypted is null)
#   engine                      the engine when known, else null
#   inherits_encryption         the storage encryption is decided elsewhere: a read replica
#                               (replicate_source_db / replication_source_identifier), a restore
#                               (snapshot_identifier, restore_to_point_in_time), a secondary of
#                               a global cluster, or a Serverless v1 cluster (always encrypted)
#                               left at its default; CloudFormation: SourceDBInstanceIdentifier,
#                               SourceDBClusterIdentifier, DBSnapshotIdentifier,
#                               DBClusterSnapshotIdentifier, SnapshotIdentifier, a point-in-time
#                               restore (RestoreTime, UseLatestRestorableTime,
#                               SourceDbiResourceId), ReplicationSourceIdentifier,
#                               GlobalClusterIdentifier, and DB instances of a cluster
#                               (DBClusterIdentifier: the cluster decides); also true when such a
#                               setting is unknown
package rampart.lib.aws.rds

import data.rampart.lib.aws.util

_kinds := {
	"aws_db_instance": "instance",
	"aws_rds_cluster": "cluster",
	"AWS::RDS::DBInstance": "instance",
	"AWS::RDS::DBCluster": "cluster",
}

_attributes := {
	"aws_db_instance": {"encrypted": "storage_encrypted", "engine": "engine", "mode": "engine_mode"},
	"aws_rds_cluster": {"encrypted": "storage_encrypted", "engine": "engine", "mode": "engine_mode"},
	"AWS::RDS::DBInstance": {"encrypted": "StorageEncrypted", "engine": "Engine", "mode": "EngineMode"},
	"AWS::RDS::DBCluster": {"encrypted": "StorageEncrypted", "engine": "Engine", "mode": "EngineMode"},
}

# settings that make a database take its encryption from a source
_inheriting := {
	"aws_db_instance": ["replicate_source_db", "snapshot_identifier", "restore_to_point_in_time"],
	"aws_rds_cluster": [
		"replication_source_identifier", "snapshot_identifier", "restore_to_point_in_time",
		"global_cluster_identifier", "s3_import",
	],
	"AWS::RDS::DBInstance": [
		"SourceDBInstanceIdentifier", "SourceDBClusterIdentifier", "DBSnapshotIdentifier",
		"DBClusterSnapshotIdentifier", "RestoreTime", "UseLatestRestorableTime",
		"SourceDbiResourceId", "DBClusterIdentifier",
	],
	"AWS::RDS::DBCluster": [
		"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier",
		"GlobalClusterIdentifier", "RestoreToTime", "UseLatestRestorableTime",
		"SourceDbClusterResourceId",
	],
}

instances[addr] := entry if {
	some t, kind in _kinds
	some addr, r in util.of_type(t)
	names := _attributes[t]
	setting := _setting(r, [names.encrypted])
	entry := {
		"resource": r,
		"kind": kind,
		"storage_encrypted_attribute": [names.encrypted],
		"storage_encrypted": object.get(setting, "value", null),
		"storage_encrypted_known": setting != {},
		"engine": _engine(r, names.engine),
		"inherits_encryption": _inherits(t, r, setting, names.mode),
	}
}

_setting(r, path) := {"value": v} if {
	v := util.bool_setting(r, path)
} else := {}

_engine(r, attr) := e if {
	e := util.known_value(r, [attr])
	is_string(e)
} else := null

_inherits(t, r, setting, mode) if {
	some attr in _inheriting[t]
	_set_or_unknown(r, attr)
} else if {
	_kinds[t] == "cluster"
	util.known_value(r, [mode]) == "serverless"
	object.get(setting, "value", null) == null
} else := false

_set_or_unknown(r, attr) if util.unknown(r, [attr])

_set_or_unknown(r, attr) if {
	v := util.known_value(r, [attr])
	_non_empty(v)
}

_non_empty(v) if util.literal(v)

_non_empty(v) if util.truthy(v)

_non_empty(v) if {
	is_array(v)
	count(v) > 0
}

_non_empty(v) if {
	is_object(v)
	count(v) > 0
}
