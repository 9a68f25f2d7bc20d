resource "local_file" "escape" {
  filename = "out.txt"
  content  = file("../../etc/passwd")
  absolute = file("/etc/passwd")
}

data "external" "run" {
  program = ["sh", "-c", "touch /tmp/rampart-external-ran"]
}

resource "null_resource" "provision" {
  triggers = {
    always = data.external.run.result.value
  }

  provisioner "local-exec" {
    command    = "touch /tmp/rampart-provisioner-ran"
    when       = destroy
    on_failure = continue
  }

  provisioner "remote-exec" {
    inline = ["echo hi"]

    connection {
      type = "ssh"
      host = self.public_ip
    }
  }
}
