module "x" {
  source = "../x"
}
