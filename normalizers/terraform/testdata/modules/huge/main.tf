resource "aws_instance" "huge" {
  count         = 1e9
  ami           = "ami-123"
  instance_type = "t3.micro"
}

resource "aws_iam_user" "many" {
  for_each = toset([for i in range(500) : "user-${i}"])
  name     = each.key
  path     = "/users/"
}

resource "aws_security_group" "rules" {
  name = "rules"
  dynamic "ingress" {
    for_each = range(500)
    content {
      from_port = ingress.value
      protocol  = "tcp"
    }
  }
}

module "fleet" {
  source = "./fleet"
  count  = 1000
}
