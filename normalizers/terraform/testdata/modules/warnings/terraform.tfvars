port = "not-a-number"
