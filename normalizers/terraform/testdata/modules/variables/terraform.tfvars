env_vs_tfvars  = "tfvars"
tfvars_vs_json = "tfvars"
not_nullable   = null
nullable_null  = null
undeclared     = "warned about"
