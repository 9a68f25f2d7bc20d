variable "only_default" {
  default = "declared-default"
}

variable "env_only" {
  type = string
}

variable "env_vs_tfvars" {
  type    = string
  default = "declared-default"
}

variable "tfvars_vs_json" {
  default = "declared-default"
}

variable "auto_order" {
  default = "declared-default"
}

variable "varfile_vs_auto" {
  default = "declared-default"
}

variable "cli_vs_varfile" {
  default = "declared-default"
}

variable "typed_number" {
  type = number
}

variable "typed_list" {
  type = list(string)
}

variable "unset" {
  type        = string
  description = "nobody sets this one"
}

variable "server" {
  type = object({
    name = string
    size = optional(number, 10)
    tags = optional(map(string), {})
    disk = optional(object({
      encrypted = optional(bool, true)
      gb        = number
    }))
  })
  default = {
    name = "web"
    disk = { gb = 20 }
  }
}

variable "not_nullable" {
  type     = string
  default  = "kept"
  nullable = false
}

variable "nullable_null" {
  type    = string
  default = "replaced"
}

variable "db_password" {
  type      = string
  default   = "hunter2"
  sensitive = true
}

variable "validated" {
  type    = string
  default = "ok"
  validation {
    condition     = length(var.validated) > 100
    error_message = "never checked statically"
  }
}

locals {
  conn = "postgres://admin:${var.db_password}@db:5432"
}

resource "aws_db_instance" "db" {
  identifier = var.server.name
  password   = var.db_password
  conn       = local.conn
  size       = var.server.size
  encrypted  = var.server.disk.encrypted
  port       = var.typed_number
  zones      = var.typed_list
  owner      = var.unset
}

output "conn" {
  value     = local.conn
  sensitive = true
}
