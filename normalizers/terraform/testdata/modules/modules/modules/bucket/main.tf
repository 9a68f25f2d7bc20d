variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  acl    = var.acl
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = templatefile("${path.module}/policy.json.tpl", { name = var.name })
  where  = path.module
}

module "pab" {
  source = "../pab"
  bucket = aws_s3_bucket.this.id
}

output "bucket_name" {
  value = "${var.name}-bucket"
}

output "arn" {
  value = aws_s3_bucket.this.arn
}

output "default_acl" {
  value = "private"
}
