module "logs" {
  source = "./modules/bucket"
  name   = "acme-logs"
}

module "assets" {
  source = "./modules/bucket"
  name   = "acme-assets"
}

resource "aws_s3_bucket" "shards" {
  count  = 3
  bucket = "acme-shard-${count.index}"
}
