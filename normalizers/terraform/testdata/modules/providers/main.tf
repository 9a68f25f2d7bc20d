provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Owner = "platform" }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/deploy"
  }
}

resource "aws_s3_bucket" "west" {
  provider = aws.west
  bucket   = "west"
}

resource "random_id" "r" {
  byte_length = 8
}
