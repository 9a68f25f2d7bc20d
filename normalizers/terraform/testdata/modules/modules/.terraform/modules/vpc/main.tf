variable "cidr" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
}

module "sub" {
  source = "./modules/sub"
  vpc_id = aws_vpc.this.id
}
