resource "aws_s3_bucket" "before" {
  bucket = "before"
}

resource "aws_s3_bucket" "broken" {
  bucket = "oops
  acl = "private"
}
