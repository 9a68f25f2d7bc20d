# A small AWS stack with the mistakes the security review keeps finding.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}

variable "bucket_acl" {
  type    = string
  default = "public-read"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "change-me-please"
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-example-site"
  acl    = var.bucket_acl
}

resource "aws_security_group" "admin" {
  name = "admin"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "orders"
  password          = var.db_password
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 100
}
