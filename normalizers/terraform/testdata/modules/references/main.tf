locals {
  bucket_id = aws_s3_bucket.b.id
  key_arn   = aws_kms_key.k.arn
  alias     = local.key_arn
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "b" {
  bucket = "data"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = local.bucket_id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.alias
    }
  }
}

data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
  }
}

resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.p.json
  tags   = { Name = "x", Arn = aws_kms_key.k.arn }
  list   = ["known", aws_kms_key.k.key_id]
}
