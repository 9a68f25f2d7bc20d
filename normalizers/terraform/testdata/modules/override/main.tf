resource "aws_s3_bucket" "b" {
  bucket = "data"
  acl    = "public-read"
  versioning {
    enabled = false
  }
  logging {
    target_bucket = "logs"
  }
}

locals {
  env = "dev"
}

output "env" {
  value = local.env
}
