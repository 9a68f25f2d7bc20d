variable "buckets" {
  default = {
    logs   = { acl = "private", versioned = true }
    assets = { acl = "public-read", versioned = false }
  }
}

variable "unknown_count" {
  type = number
}

resource "aws_instance" "three" {
  count         = 3
  ami           = "ami-123"
  instance_type = count.index == 0 ? "m5.large" : "t3.micro"
  tags = {
    Name = "web-${count.index}"
  }
}

resource "aws_instance" "none" {
  count = 0
  ami   = "ami-000"
}

resource "aws_s3_bucket" "map" {
  for_each = var.buckets
  bucket   = "app-${each.key}"
  acl      = each.value.acl
  versioning {
    enabled = each.value.versioned
  }
}

resource "aws_iam_user" "set" {
  for_each = toset(["alice", "bob"])
  name     = each.value
  path     = "/${each.key}/"
}

resource "aws_instance" "unknown_count" {
  count         = var.unknown_count
  ami           = "ami-456"
  instance_type = "t3.micro"
  name          = "n-${count.index}"
}

resource "aws_subnet" "s" {
  for_each   = aws_vpc.main.cidrs
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
  map_public_ip_on_launch = true
}

resource "aws_s3_bucket_versioning" "v" {
  for_each = aws_s3_bucket.map
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
