package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/engine"
)

func policiesCommand() *cli.Command {
	return &cli.Command{
		Name:  "policies",
		Usage: "browse the rules of the loaded bundles",
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list rules: id, severity, category, title, frameworks",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "`FORMAT`: text or json"},
					&cli.StringFlag{Name: "kind", Usage: "only rules that read documents of `KIND`"},
				}, policyFlags()...),
				Action: func(c *cli.Context) error {
					eng, _, err := loadEngine(c, 1, nil)
					if err != nil {
						return err
					}
					var rules []*engine.Rule
					for _, r := range eng.Rules() {
						if k := c.String("kind"); k == "" || r.AppliesToKind(k) {
							rules = append(rules, r)
						}
					}
					if c.String("format") == "json" {
						enc := json.NewEncoder(c.App.Writer)
						enc.SetIndent("", "  ")
						if rules == nil {
							rules = []*engine.Rule{}
						}
						return enc.Encode(rules)
					}
					tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "ID\tSEVERITY\tCATEGORY\tTITLE\tFRAMEWORKS")
					for _, r := range rules {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Category, r.Title, frameworkList(r))
					}
					return tw.Flush()
				},
			},
			{
				Name:      "show",
				Usage:     "show one rule's metadata",
				ArgsUsage: "RULE-ID",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "`FORMAT`: text or json"},
				}, policyFlags()...),
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return exitf(ExitUntrusted, "policies show needs exactly one RULE-ID")
					}
					eng, _, err := loadEngine(c, 1, nil)
					if err != nil {
						return err
					}
					r, ok := eng.Rule(strings.ToUpper(c.Args().First()))
					if !ok {
						return exitf(ExitUntrusted, "no rule %q (see 'rampart policies list')", c.Args().First())
					}
					if c.String("format") == "json" {
						enc := json.NewEncoder(c.App.Writer)
						enc.SetIndent("", "  ")
						return enc.Encode(r)
					}
					w := c.App.Writer
					fmt.Fprintf(w, "%s  %s\n\n", r.ID, r.Title)
					fmt.Fprintf(w, "Severity:     %s\nCategory:     %s\n", r.Severity, r.Category)
					fmt.Fprintf(w, "Applies to:   %s", strings.Join(r.Kinds, ", "))
					if len(r.Types) > 0 {
						fmt.Fprintf(w, " (%s)", strings.Join(r.Types, ", "))
					}
					fmt.Fprintf(w, "\nScope:        %s\nPackage:      data.%s\nSource:       %s (%s)\n", r.Scope, r.Package, r.File, r.Bundle)
					if fw := frameworkList(r); fw != "" {
						fmt.Fprintf(w, "Frameworks:   %s\n", fw)
					}
					fmt.Fprintf(w, "\nDescription\n  %s\n\nRisk\n  %s\n\nRemediation\n  %s\n", indent(r.Description), indent(r.Risk), indent(r.Remediation))
					if len(r.References) > 0 {
						fmt.Fprintf(w, "\nReferences\n")
						for _, ref := range r.References {
							fmt.Fprintf(w, "  %s\n", ref)
						}
					}
					return nil
				},
			},
		},
	}
}

func indent(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ")
}

// frameworkList renders "cis-kubernetes 1.8.0: 5.2.2, 5.2.3".
func frameworkList(r *engine.Rule) string {
	var parts []string
	for fw, versions := range r.Frameworks {
		for ver, ids := range versions {
			parts = append(parts, fmt.Sprintf("%s %s: %s", fw, ver, strings.Join(ids, ", ")))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}
