auto_order      = "a.auto.tfvars"
varfile_vs_auto = "auto"
