package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/scan"
)

func normalizeCommand() *cli.Command {
	return &cli.Command{
		Name:      "normalize",
		Usage:     "print the documents policies see for the given files",
		ArgsUsage: "PATH...",
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "exclude", Aliases: []string{"e"}, Usage: "skip paths matching `GLOB`"},
			&cli.BoolFlag{Name: "compact", Usage: "one JSON document per line instead of an indented array"},
		}, inputFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return exitf(ExitUntrusted, "normalize needs at least one PATH")
			}
			reg, err := registry(c)
			if err != nil {
				return exitf(ExitUntrusted, "%v", err)
			}
			disc, err := normalizers.Discover(c.Args().Slice(), reg, normalizers.DiscoverOptions{Excludes: c.StringSlice("exclude")})
			if err != nil {
				return exitf(ExitUntrusted, "%v", err)
			}
			docs, ds := scan.Normalize(context.Background(), disc.Candidates)
			diags := append(append([]normalizers.Diagnostic(nil), disc.Errors...), ds...)
			inputs := make([]any, 0, len(docs))
			for _, d := range docs {
				inputs = append(inputs, d.Input())
			}
			out := c.App.Writer
			if c.Bool("compact") {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				for _, in := range inputs {
					if err := enc.Encode(in); err != nil {
						return err
					}
				}
			} else {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(inputs); err != nil {
					return err
				}
			}
			errs := 0
			for _, d := range diags {
				fmt.Fprintf(c.App.ErrWriter, "rampart: %s: %s\n", d.Severity, d.Error())
				if d.Severity == normalizers.SeverityError {
					errs++
				}
			}
			for _, s := range disc.Skipped {
				if s.Reason != normalizers.ReasonUnknownFormat {
					fmt.Fprintf(c.App.ErrWriter, "rampart: skipped %s: %s\n", s.Path, s.Reason)
				}
			}
			if errs > 0 {
				return silentExit(ExitUntrusted)
			}
			return nil
		},
	}
}
