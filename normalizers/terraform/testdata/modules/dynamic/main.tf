variable "ingress" {
  default = [
    { port = 22, cidrs = ["10.0.0.0/8"] },
    { port = 443, cidrs = ["0.0.0.0/0"] },
  ]
}

variable "rules" {
  default = {
    expire = { days = 30, prefixes = ["logs/", "tmp/"] }
  }
}

resource "aws_security_group" "sg" {
  name = "web"

  ingress {
    description = "static"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["192.168.0.0/16"]
  }

  dynamic "ingress" {
    for_each = var.ingress
    content {
      description = "rule ${ingress.key}"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
    }
  }

  dynamic "egress" {
    for_each = [1]
    iterator = e
    content {
      from_port   = 0
      cidr_blocks = ["0.0.0.0/0"]
      index       = e.key
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "lc" {
  bucket = "b"

  dynamic "rule" {
    for_each = var.rules
    content {
      id = rule.key
      expiration {
        days = rule.value.days
      }
      dynamic "filter" {
        for_each = rule.value.prefixes
        content {
          prefix = filter.value
        }
      }
    }
  }
}

resource "aws_security_group" "unknown" {
  name = "from-data"

  dynamic "ingress" {
    for_each = data.aws_ip_ranges.r.cidr_blocks
    content {
      from_port   = 443
      cidr_blocks = [ingress.value]
    }
  }
}

data "aws_ip_ranges" "r" {
  services = ["ec2"]
}
