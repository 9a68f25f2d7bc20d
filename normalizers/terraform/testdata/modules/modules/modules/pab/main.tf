variable "bucket" {
  type = string
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket             = var.bucket
  block_public_acls  = true
  ignore_public_acls = true
}
