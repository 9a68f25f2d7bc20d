resource "aws_s3_bucket" "b" {
  acl = "private"
  versioning {
    enabled = true
  }
}

locals {
  env = "prod"
}

output "missing" {
  value = "no base block"
}
