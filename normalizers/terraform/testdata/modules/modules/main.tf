module "logs" {
  source = "./modules/bucket"
  name   = "logs"
  acl    = "private"
}

module "site" {
  source = "./modules/bucket"
  name   = "site"
  acl    = "public-read"
}

module "many" {
  source = "./modules/bucket"
  count  = 2
  name   = "many-${count.index}"
  acl    = "private"
}

module "keyed" {
  source   = "./modules/bucket"
  for_each = toset(["x"])
  name     = "keyed-${each.key}"
  acl      = "private"
}

# An argument may read an output of the same call when that output does
# not depend on the argument, as Terraform allows.
module "self_ref" {
  source = "./modules/bucket"
  name   = "self"
  acl    = module.self_ref.default_acl
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.0.0.0/16"
}

module "remote" {
  source = "git::https://example.com/network.git?ref=v1.2.0"
  region = "eu-west-1"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = module.logs.bucket_name
  policy = module.logs.arn
}

output "names" {
  value = [module.logs.bucket_name, module.many[1].bucket_name, module.keyed["x"].bucket_name]
}

output "remote" {
  value = module.remote.id
}
