module "y" {
  source = "../y"
}
