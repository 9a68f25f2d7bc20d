package rampart.docker.dockerfile.add_instead_of_copy_test

import data.rampart.docker.dockerfile.add_instead_of_copy as rule
import data.rampart.docker.dockerfile.inputs_test as t

_findings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.deny} with input as doc
}

_msgs(doc) := m if {
	m := {r.msg | some r in rule.deny} with input as doc
}

_doc(instrs) := t.dockerfile([t.from_image("web", "nginx:1.27", instrs)])

test_add_of_local_files_fires if {
	doc := _doc([t.ins("workdir", ["/app"]), t.ins("add", ["nginx.conf", "/etc/nginx/nginx.conf"])])
	_findings(doc) == {["stage.web", ["instructions", 1]]}
	some m in _msgs(doc)
	contains(m, "use COPY")
}

test_add_exec_form_and_directory_fire if {
	_findings(_doc([t.ins("add", [".", "/app"])])) == {["stage.web", ["instructions", 0]]}
	_findings(_doc([object.union(t.ins("add", ["site", "/usr/share/nginx/html"]), {"json": true})])) == {["stage.web", ["instructions", 0]]}
}

test_add_heredoc_fires if {
	_findings(_doc([t.ins("add", ["<<EOF", "/etc/motd"])])) == {["stage.web", ["instructions", 0]]}
}

test_add_url_without_checksum_fires if {
	doc := _doc([t.ins("add", ["https://user:s3cr3t@downloads.example.com/tool.tar.gz?token=abc", "/opt/"])])
	_findings(doc) == {["stage.web", ["instructions", 0]]}
	some m in _msgs(doc)
	contains(m, "downloads.example.com")
	not contains(m, "s3cr3t") # credentials and query strings never reach the message
	not contains(m, "token=abc")
}

test_add_url_with_checksum_passes if {
	i := t.with_flags(t.ins("add", ["https://downloads.example.com/tool.tar.gz", "/opt/"]), ["--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"])
	count(_findings(_doc([i]))) == 0
}

test_add_local_archive_passes if {
	count(_findings(_doc([t.ins("add", ["rootfs.tar.xz", "/"])]))) == 0
	count(_findings(_doc([t.ins("add", ["vendor.tgz", "release-1.2.tar.gz", "/src/"])]))) == 0
	count(_findings(_doc([t.ins("add", ["dist.TAR", "/srv/"])]))) == 0
}

test_add_zip_is_not_extracted_and_fires if {
	_findings(_doc([t.ins("add", ["app.zip", "/srv/"])])) == {["stage.web", ["instructions", 0]]}
}

test_add_mixed_sources_fires_once if {
	doc := _doc([t.ins("add", ["vendor.tar.gz", "config.yaml", "/app/"])])
	_findings(doc) == {["stage.web", ["instructions", 0]]}
	some m in _msgs(doc)
	contains(m, "config.yaml")
	not contains(m, "vendor.tar.gz")
}

test_add_git_sources if {
	_findings(_doc([t.ins("add", ["https://github.com/example/lib.git#v1.2.0", "/src/lib"])])) == {["stage.web", ["instructions", 0]]}
	_findings(_doc([t.ins("add", ["git@github.com:example/lib.git", "/src/lib"])])) == {["stage.web", ["instructions", 0]]}
	count(_findings(_doc([t.ins("add", ["https://github.com/example/lib.git#4f2d6a1c8e9b0d3f5a7c2e4b6d8f0a1c3e5b7d9f", "/src/lib"])]))) == 0
	count(_findings(_doc([t.with_flags(t.ins("add", ["git@github.com:example/lib.git#v1.2.0", "/src/lib"]), ["--checksum=4f2d6a1c8e9b0d3f5a7c2e4b6d8f0a1c3e5b7d9f"])]))) == 0
}

test_unresolved_local_source_not_judged if {
	count(_findings(_doc([t.ins("add", ["${ARTIFACT}", "/app/"])]))) == 0
}

test_copy_passes if {
	count(_findings(_doc([t.ins("copy", ["nginx.conf", "/etc/nginx/nginx.conf"])]))) == 0
}

test_every_stage_is_checked if {
	doc := t.dockerfile([
		t.from_image("build", "node:20", [t.ins("add", ["package.json", "/src/"])]),
		t.from_image("", "nginx:1.27", [t.ins("copy", ["--from=build", "/src/dist", "/usr/share/nginx/html"])]),
	])
	_findings(doc) == {["stage.build", ["instructions", 0]]}
}

test_onbuild_trigger_fires if {
	_findings(_doc([t.onbuild(t.ins("add", [".", "/app/src"]))])) == {["stage.web", ["instructions", 0]]}
}
