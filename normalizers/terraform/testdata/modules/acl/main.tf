variable "acl" {
  type    = string
  default = "public-read"
}

resource "aws_s3_bucket" "b" {
  bucket = "logs"
  acl    = var.acl
}
