package report

import (
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/scan"
)

// fixtureRule is the metadata the sample report's findings come from.
type fixtureRule struct {
	id, title, category, description, risk, remediation string
	severity                                            engine.Severity
	references                                          []string
	frameworks                                          map[string]map[string][]string
	checked                                             int
}

var fixtureRules = []fixtureRule{
	{
		id: "RMP-K8S-001", title: "Container runs privileged", severity: engine.Critical, category: "Compute",
		description: "Reports every container whose securityContext.privileged is true.",
		risk:        "A privileged container gets every Linux capability and all host devices: code running in it can take over the node.",
		remediation: "Remove securityContext.privileged or set it to false, and grant only the capabilities the process needs.",
		references: []string{
			"https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
			"https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
		},
		frameworks: map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.2.2"}}},
		checked:    3,
	},
	{
		id: "RMP-K8S-002", title: "Container allows privilege escalation", severity: engine.High, category: "Compute",
		description: "Reports containers that do not set allowPrivilegeEscalation to false.",
		risk:        "A process can gain more privileges than its parent through setuid binaries.",
		remediation: "Set securityContext.allowPrivilegeEscalation: false.",
		frameworks:  map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.2.5"}}},
		checked:     3,
	},
	{
		id: "RMP-K8S-010", title: "Workload uses the default service account", severity: engine.Medium, category: "IAM",
		description: "Reports workloads that run as the namespace's default service account.",
		risk:        "Every workload without its own account shares the default one and whatever roles were bound to it.",
		remediation: "Create a dedicated service account per workload and set automountServiceAccountToken: false where the API is not needed.",
		references:  []string{"https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"},
		frameworks:  map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.1.5"}}},
		checked:     3,
	},
	{
		id: "RMP-AWS-S3-001", title: "S3 bucket allows public access", severity: engine.High, category: "Data",
		description: "Reports buckets with a public canned ACL or a grant to AllUsers or AuthenticatedUsers.",
		risk:        "Anyone on the internet can list or read the objects: data leaks and tampering.",
		remediation: "Remove the public ACL, enable all four settings of aws_s3_bucket_public_access_block and serve public content through CloudFront.",
		references:  []string{"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"},
		frameworks:  map[string]map[string][]string{"cis-aws-foundations": {"1.5.0": {"2.1.5"}}},
		checked:     2,
	},
	{
		id: "RMP-AWS-EC2-001", title: "Security group allows SSH from the internet", severity: engine.High, category: "Network",
		description: "Reports ingress rules that open port 22 to 0.0.0.0/0 or ::/0.",
		risk:        "SSH exposed to the internet is brute-forced within minutes of going live.",
		remediation: "Restrict the rule to known CIDR ranges or use SSM Session Manager instead of SSH.",
		references:  []string{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"},
		frameworks:  map[string]map[string][]string{"cis-aws-foundations": {"1.5.0": {"5.2"}}},
		checked:     1,
	},
	{
		id: "RMP-AWS-EBS-001", title: "EBS volume is not encrypted", severity: engine.Medium, category: "Data",
		description: "Reports EBS volumes without encryption at rest.",
		risk:        "Snapshots and detached volumes expose their data to anyone who can read them.",
		remediation: "Set encrypted = true (and a customer-managed kms_key_id); copy existing volumes to encrypted ones.",
		frameworks:  map[string]map[string][]string{"cis-aws-foundations": {"1.5.0": {"2.2.1"}}},
		checked:     1,
	},
	{
		id: "RMP-AWS-RDS-001", title: "RDS instance is not encrypted", severity: engine.High, category: "Data",
		description: "Reports RDS instances without storage encryption.",
		risk:        "Backups and snapshots expose the database.",
		remediation: "Set storage_encrypted = true.",
		frameworks:  map[string]map[string][]string{"cis-aws-foundations": {"1.5.0": {"2.3.1"}}},
		checked:     0,
	},
	{
		id: "RMP-DOCKER-003", title: "Base image is not pinned", severity: engine.Low, category: "Compute",
		description: "Reports FROM instructions that use the latest tag or no tag.",
		risk:        "Builds are not reproducible and may pull a compromised or broken image.",
		remediation: "Pin the base image to a version tag and a digest (FROM image:1.2.3@sha256:...).",
		checked:     1,
	},
	{
		id: "RMP-TF-001", title: "Secret in a variable default", severity: engine.High, category: "Secrets",
		description: "Reports Terraform variables whose default looks like a credential.",
		risk:        "Credentials committed to version control leak to everyone with read access.",
		remediation: "Remove the default and pass the value from a secret store or TF_VAR_ environment variable.",
		checked:     3,
	},
}

// fixtureFinding is a finding of the sample report before it is enriched
// with its rule's metadata.
type fixtureFinding struct {
	rule, level, kind, typ, address, path string
	resStart, resEnd, start, end          int
	attribute, message                    string
	suppressed                            *findings.Suppression
}

var fixtureFindings = []fixtureFinding{
	{rule: "RMP-K8S-001", level: engine.LevelDeny, kind: "kubernetes", typ: "Deployment", address: "Deployment/web",
		path: "deploy/web.yaml", resStart: 1, resEnd: 40, start: 24, end: 24,
		attribute: "spec.template.spec.containers[0].securityContext.privileged",
		message:   `Container "web" runs privileged (securityContext.privileged: true).`},
	{rule: "RMP-K8S-001", level: engine.LevelDeny, kind: "kubernetes", typ: "StatefulSet", address: "StatefulSet/db",
		path: "deploy/db.yaml", resStart: 1, resEnd: 52, start: 31, end: 31,
		attribute: "spec.template.spec.containers[0].securityContext.privileged",
		message:   `Container "postgres" runs privileged (securityContext.privileged: true).`},
	{rule: "RMP-AWS-S3-001", level: engine.LevelDeny, kind: "terraform", typ: "aws_s3_bucket", address: "aws_s3_bucket.logs",
		path: "infra/s3.tf", resStart: 1, resEnd: 9, start: 3, end: 3, attribute: "acl",
		message: `Bucket "acme-logs" has the canned ACL public-read.`},
	{rule: "RMP-AWS-EC2-001", level: engine.LevelDeny, kind: "terraform", typ: "aws_security_group", address: "aws_security_group.bastion",
		path: "infra/network.tf", resStart: 12, resEnd: 30, start: 18, end: 23, attribute: "ingress[0]",
		message: "Ingress rule 0 opens port 22 to 0.0.0.0/0 | source: internet."},
	{rule: "RMP-AWS-EBS-001", level: engine.LevelDeny, kind: "terraform", typ: "aws_ebs_volume", address: "aws_ebs_volume.data",
		path: "infra/storage.tf", resStart: 1, resEnd: 6, start: 1, end: 6,
		message: "EBS volume is not encrypted (encrypted is not set)."},
	{rule: "RMP-K8S-010", level: engine.LevelWarn, kind: "kubernetes", typ: "Deployment", address: "Deployment/web",
		path: "deploy/web.yaml", resStart: 1, resEnd: 40, start: 18, end: 18, attribute: "spec.template.spec.serviceAccountName",
		message: "Deployment/web runs as the default service account."},
	{rule: "RMP-DOCKER-003", level: engine.LevelDeny, kind: "dockerfile", typ: "stage", address: "stage[0]",
		path: "Dockerfile", resStart: 1, resEnd: 12, start: 1, end: 1,
		message: "FROM node:latest uses the latest tag."},
	{rule: "RMP-TF-001", level: engine.LevelDeny, kind: "terraform", typ: "variable", address: "var.db_password",
		path: "infra/variables.tf", resStart: 7, resEnd: 11, start: 9, end: 9, attribute: "default",
		message:    `Variable "db_password" has a default that looks like a password (value redacted).`,
		suppressed: &findings.Suppression{Reason: "test fixture; the value is not a real credential", Source: "inline"}},
}

// sampleReport builds a realistic report: findings of every severity and
// several categories and kinds, a warn-level and a suppressed finding, two
// CIS frameworks, an input error, a warning and skipped files. Aggregates
// are computed with the findings package, as a scan would.
func sampleReport() *Report {
	meta := map[string]fixtureRule{}
	var rules []*engine.Rule
	for _, fr := range fixtureRules {
		meta[fr.id] = fr
		rules = append(rules, &engine.Rule{ID: fr.id, Title: fr.title, Severity: fr.severity, Category: fr.category, Frameworks: fr.frameworks})
	}
	var fs []findings.Finding
	for _, ff := range fixtureFindings {
		fr := meta[ff.rule]
		f := findings.Finding{
			RuleID: fr.id, Title: fr.title, Severity: fr.severity, Category: fr.category, Level: ff.level,
			Resource:  findings.Resource{Kind: ff.kind, Type: ff.typ, Address: ff.address, Path: ff.path, StartLine: ff.resStart, EndLine: ff.resEnd},
			Location:  findings.Location{Path: ff.path, StartLine: ff.start, EndLine: ff.end},
			Attribute: ff.attribute, Message: ff.message,
			Description: fr.description, Risk: fr.risk, Remediation: fr.remediation,
			References: fr.references, Frameworks: fr.frameworks, Suppressed: ff.suppressed,
		}
		f.Fingerprint = findings.Fingerprint(f.RuleID, f.Resource.Path, f.Resource.Address, f.Message)
		f.ID = f.Fingerprint[:12]
		fs = append(fs, f)
	}
	findings.Sort(fs)

	// Rule results as findings.Rules computes them, with the checked counts
	// of the fixture (there are no documents to count resources in).
	failed := map[string]map[string]bool{}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed == nil && f.Level == engine.LevelDeny {
			if failed[f.RuleID] == nil {
				failed[f.RuleID] = map[string]bool{}
			}
			failed[f.RuleID][f.Resource.Path+"\x00"+f.Resource.Address] = true
		}
	}
	var results []findings.RuleResult
	for _, fr := range fixtureRules {
		rr := findings.RuleResult{RuleID: fr.id, Title: fr.title, Severity: fr.severity, Checked: fr.checked, Failed: len(failed[fr.id])}
		switch {
		case rr.Failed > 0:
			rr.Status = findings.StatusFail
		case rr.Checked > 0:
			rr.Status = findings.StatusPass
		default:
			rr.Status = findings.StatusNotApplicable
		}
		results = append(results, rr)
	}

	res := &scan.Result{
		Paths: []string{"."},
		Scope: scan.Scope{
			Paths:         []string{"."},
			FilesScanned:  9,
			FilesSkipped:  3,
			FilesErrored:  1,
			FilesByKind:   map[string]int{"kubernetes": 3, "terraform": 5, "dockerfile": 1},
			Resources:     15,
			ResourcesKind: map[string]int{"kubernetes": 4, "terraform": 10, "dockerfile": 1},
			ResourcesType: map[string]int{
				"Deployment": 2, "StatefulSet": 1, "Service": 1,
				"aws_s3_bucket": 2, "aws_security_group": 1, "aws_ebs_volume": 1, "variable": 3, "aws_iam_role": 2, "output": 1,
				"stage": 1,
			},
		},
		Findings:   fs,
		Rules:      results,
		Frameworks: findings.Frameworks(rules, results, false),
		Summary:    findings.Summarize(fs),
		Errors: []normalizers.Diagnostic{
			{Severity: normalizers.SeverityError, Path: "infra/broken.tf", Line: 12, Column: 3, Message: `Argument or block definition required; an argument or block definition is required here, found "<<".`},
		},
		Warnings: []normalizers.Diagnostic{
			{Severity: normalizers.SeverityWarning, Path: "infra/main.tf", Line: 4, Message: `variable "region" has no value; attributes that use it are unknown`},
		},
		Skipped: []normalizers.Skipped{
			{Path: "assets/logo.png", Reason: normalizers.ReasonBinary},
			{Path: "charts/web/templates/deployment.yaml", Reason: normalizers.ReasonHelmTemplate},
			{Path: "notes.txt", Reason: normalizers.ReasonUnknownFormat},
		},
		Duration: 1234567890,
	}
	bundles := []Bundle{{Name: "rampart-builtin", Revision: "2026.11.2"}, {Name: "acme-policies", Revision: "4f2c9e1"}}
	return New(res, Tool{Name: "rampart", Version: "0.9.0"}, bundles, "high", false)
}
