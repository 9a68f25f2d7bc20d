package cloudformation

import (
	"context"
	"fmt"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/sandbox"
)

// Name is the format name and the Kind of the documents the normalizer emits.
const Name = "cloudformation"

// Options configures the normalizer.
type Options struct {
	// Parameters are template parameter values by name (the --cfn-params
	// file, see LoadParameters). They override the defaults of every root
	// template that declares them; nested templates get theirs from their
	// stack resource. The pseudo parameters AWS::Region, AWS::AccountId,
	// AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix and
	// AWS::NotificationARNs may be given too; they are unknown otherwise
	// (except AWS::Partition "aws" and AWS::URLSuffix "amazonaws.com").
	Parameters map[string]any
}

// Normalizer reads CloudFormation and SAM templates. It is safe for
// concurrent use.
type Normalizer struct {
	opts Options
}

var _ normalizers.TreeNormalizer = (*Normalizer)(nil)

// New returns a CloudFormation normalizer.
func New(opts Options) *Normalizer { return &Normalizer{opts: opts} }

// Name returns "cloudformation".
func (*Normalizer) Name() string { return Name }

// Normalize reads one template into one document. Nested stacks are not
// read: without a scanned directory there is nothing they may be read
// from.
func (n *Normalizer) Normalize(ctx context.Context, f normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	return n.NormalizeTree(ctx, "", []normalizers.File{f})
}

// NormalizeTree reads the templates of one scanned path. Every template
// that no other template of the set uses as a local nested stack is a root
// and becomes a document; nested templates are evaluated inside their
// parents' documents, read from files or from disk below root. It never
// panics: a panic is reported as an error diagnostic.
func (n *Normalizer) NormalizeTree(ctx context.Context, root string, files []normalizers.File) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	r := newRun(ctx, n.opts, sandbox.New(root), files)
	defer func() {
		if p := recover(); p != nil {
			path := root
			if len(files) > 0 {
				path = files[0].Path
			}
			r.quiet = false
			r.add(normalizers.Diagnostic{
				Severity: normalizers.SeverityError,
				Path:     path,
				Line:     1,
				Message:  fmt.Sprintf("internal error reading the templates (please report): %v", p),
			})
			diags = r.sortedDiags()
		}
	}()
	return r.documents(files), r.sortedDiags()
}
