# METADATA
# title: Container adds a dangerous capability
# description: |
#   Reports each entry of securityContext.capabilities.add, in every container, init
#   container and ephemeral container, that names a capability which breaks container
#   isolation or gives control over the node. Names are compared case-insensitively and with
#   or without the CAP_ prefix. The list:
#   ALL (every capability), SYS_ADMIN (mount, namespaces, most privileged operations),
#   SYS_MODULE (load kernel modules), SYS_RAWIO (raw device and port I/O), SYS_PTRACE
#   (trace and read other processes' memory), SYS_BOOT (reboot, kexec), SYS_TIME (set the
#   node clock), DAC_READ_SEARCH (open_by_handle_at: read any host file), NET_ADMIN (change
#   interfaces, routes, firewall rules), NET_RAW (raw sockets, spoofing), BPF and PERFMON
#   (load eBPF programs, kernel tracing), MAC_ADMIN and MAC_OVERRIDE (change or bypass
#   AppArmor/SELinux), SYSLOG (kernel log and kernel addresses), AUDIT_CONTROL (change or
#   disable kernel auditing).
# custom:
#   id: RMP-K8S-006
#   severity: high
#   category: Compute
#   risk: |
#     These capabilities are the usual ingredients of container escapes (mounting the host
#     filesystem, loading kernel code, reading host files by handle, tracing host processes)
#     and of attacks on the node network (spoofing, sniffing, rerouting).
#   remediation: |
#     Remove the capability from securityContext.capabilities.add. If the workload really
#     needs it, isolate it on dedicated nodes and document the exception.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.9"]}
#   aliases:
#     checkov: [CKV_K8S_25]
#     trivy: [AVD-KSV-0022, KSV022]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.dangerous_capabilities

import data.rampart.lib.kubernetes as k8s

dangerous := {
	"ALL",
	"AUDIT_CONTROL",
	"BPF",
	"DAC_READ_SEARCH",
	"MAC_ADMIN",
	"MAC_OVERRIDE",
	"NET_ADMIN",
	"NET_RAW",
	"PERFMON",
	"SYSLOG",
	"SYS_ADMIN",
	"SYS_BOOT",
	"SYS_MODULE",
	"SYS_PTRACE",
	"SYS_RAWIO",
	"SYS_TIME",
}

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	add := c.container.securityContext.capabilities.add
	is_array(add)
	some i, cap in add
	is_string(cap)
	name := _normalize(cap)
	name in dangerous
	result := {
		"msg": sprintf("Container %q adds the dangerous capability %s.", [k8s.container_name(c), name]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["securityContext", "capabilities", "add", i]),
	}
}

_normalize(cap) := trim_prefix(upper(trim_space(cap)), "CAP_")
