variable "port" {
  type = number
}

locals {
  a = local.b
  b = local.a
  c = "${local.a}-suffix"
}

resource "aws_instance" "w" {
  cycle      = local.c
  missing    = nosuchfunction(1)
  bad_type   = 1 + "two"
  undeclared = aws_nothing.here.id
  each_out   = each.key
  port       = var.port
  arn        = provider::aws::arn_build("aws", "s3", "", "", "b")
  ok         = "still evaluated"
}
