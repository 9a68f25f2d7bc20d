resource "aws_instance" "node" {
  ami = "ami-fleet"
}
