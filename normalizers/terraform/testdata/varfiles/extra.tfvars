varfile_vs_auto = "varfile"
cli_vs_varfile  = "varfile"
