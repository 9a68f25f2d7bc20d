variable "env" {
  default = "prod"
}

variable "subnets" {
  default = [
    { name = "a", cidr = "10.0.1.0/24", public = true },
    { name = "b", cidr = "10.0.2.0/24", public = false },
  ]
}

locals {
  # A chain of locals, declared out of order.
  full_name = "${local.project}-${local.stage}"
  stage     = upper(local.env_short)
  env_short = substr(var.env, 0, 3)
  project   = "shop"

  is_prod      = var.env == "prod"
  instance     = local.is_prod ? "m5.large" : "t3.micro"
  public_names = [for s in var.subnets : s.name if s.public]
  by_name      = { for s in var.subnets : s.name => s.cidr }
  all_cidrs    = var.subnets[*].cidr
  greeting     = <<-EOT
    Hello ${local.full_name}
    %{for n in local.public_names}public: ${n}
    %{endfor}
  EOT
}

resource "aws_instance" "web" {
  instance_type = local.instance
  monitoring    = !local.is_prod ? false : true
  tags = {
    Name    = local.full_name
    Project = local.project
  }
  user_data = local.greeting
  subnets   = local.public_names
  cidrs     = local.all_cidrs
  by_name   = local.by_name
  module    = path.module
  root      = path.root
  cwd       = path.cwd
  workspace = terraform.workspace
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "*"
    }]
  })
}

resource "test_functions" "f" {
  lookup       = lookup({ a = "x" }, "b", "fallback")
  merge        = merge({ a = 1 }, { b = 2 })
  concat       = concat(["a"], ["b", "c"])
  coalesce     = coalesce("", "first")
  try          = try(var.subnets[5].name, "none")
  can          = can(var.subnets[5].name)
  length       = length(var.subnets)
  element      = element(["a", "b", "c"], 4)
  join         = join(",", ["a", "b"])
  split        = split(",", "a,b,c")
  format       = format("%s-%03d", "id", 7)
  lower        = lower("ABC")
  upper        = upper("abc")
  replace      = replace("a-b-c", "-", "_")
  contains     = contains(["a", "b"], "b")
  keys         = keys({ b = 1, a = 2 })
  values       = values({ b = 1, a = 2 })
  tomap        = tomap({ a = "1" })
  tolist       = tolist(toset(["b", "a", "b"]))
  toset        = toset(["b", "a", "b"])
  jsondecode   = jsondecode("{\"k\": [1, 2]}")
  cidrsubnet   = cidrsubnet("10.0.0.0/16", 8, 2)
  file         = file("${path.module}/templates/policy.json")
  templatefile = templatefile("${path.module}/templates/user_data.tpl", { name = local.project, ports = [80, 443] })
  flatten      = flatten([["a"], ["b", ["c"]]])
  distinct     = distinct(["a", "b", "a"])
  zipmap       = zipmap(["a", "b"], [1, 2])
  range        = range(3)
  min          = min(3, 1, 2)
  max          = max(3, 1, 2)
  float        = 1.5
  big          = 12345678901234
  timestamp    = timestamp()
  uuid         = uuid()
}
