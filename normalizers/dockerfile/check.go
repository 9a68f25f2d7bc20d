package dockerfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// The checks in this file mirror what buildkit's instructions package
// (v0.32) rejects when it turns parsed instructions into commands, before
// anything is built; the error messages follow its wording. The package
// itself is not imported because it pulls in modules this project does not
// depend on (docker/go-units, moby/docker-image-spec, go-csvvalue,
// agext/levenshtein).

type flagKind int

const (
	flagBool   flagKind = iota // --name or --name=true|false
	flagString                 // --name=value, at most once
	flagList                   // --name=value, repeatable
)

// instructionFlags lists the flags each instruction accepts. Instructions
// absent from the map accept none.
var instructionFlags = map[string]map[string]flagKind{
	"add": {
		"chown": flagString, "chmod": flagString, "link": flagBool, "keep-git-dir": flagBool,
		"checksum": flagString, "unpack": flagBool, "exclude": flagList,
	},
	"copy": {
		"chown": flagString, "from": flagString, "chmod": flagString, "link": flagBool,
		"exclude": flagList, "parents": flagBool,
	},
	"from": {"platform": flagString},
	"run": {
		"mount": flagList, "network": flagString, "security": flagString, "device": flagList,
	},
	"healthcheck": {
		"interval": flagString, "timeout": flagString, "start-period": flagString,
		"start-interval": flagString, "retries": flagString,
	},
}

// validStageName is the form buildkit requires of a (lower-cased) stage name.
var validStageName = regexp.MustCompile(`^[a-z][a-z0-9-_.]*$`)

// checkInstruction reports the first reason buildkit would refuse the
// instruction n, or nil.
func checkInstruction(n *parser.Node) error {
	cmd := lower(n.Value)
	args := nodeArgs(n)
	name := strings.ToUpper(cmd)
	switch cmd {
	case "env", "label":
		if _, err := parseFlags(cmd, n.Flags); err != nil {
			return err
		}
		if len(args) == 0 {
			return errAtLeastOne(name)
		}
		for i := 0; i+2 < len(args); i += 3 {
			if args[i] == "" {
				return fmt.Errorf("%s names can not be blank", name)
			}
		}
	case "maintainer", "workdir", "user":
		if len(args) != 1 {
			return errExactlyOne(name)
		}
		_, err := parseFlags(cmd, n.Flags)
		return err
	case "stopsignal":
		if len(args) != 1 {
			return errExactlyOne(name)
		}
	case "add", "copy":
		if len(args) < 2 {
			return fmt.Errorf("%s requires at least two arguments, but only one was provided. Destination could not be determined", name)
		}
		if _, err := parseFlags(cmd, n.Flags); err != nil {
			return err
		}
		if h, _ := parser.ParseHeredoc(args[len(args)-1]); h != nil {
			return fmt.Errorf("%s cannot accept a heredoc as a destination", name)
		}
	case "from":
		if _, err := stageName(args); err != nil {
			return err
		}
		_, err := parseFlags(cmd, n.Flags)
		return err
	case "onbuild":
		if len(args) == 0 {
			return errAtLeastOne(name)
		}
		if _, err := parseFlags(cmd, n.Flags); err != nil {
			return err
		}
		switch trigger := strings.ToUpper(strings.TrimSpace(args[0])); trigger {
		case "ONBUILD":
			return errors.New("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
		case "MAINTAINER", "FROM":
			return fmt.Errorf("%s isn't allowed as an ONBUILD trigger", trigger)
		}
	case "run":
		flags, err := parseFlags(cmd, n.Flags)
		if err != nil {
			return err
		}
		return checkRunFlags(flags)
	case "cmd", "entrypoint":
		_, err := parseFlags(cmd, n.Flags)
		return err
	case "healthcheck":
		return checkHealthcheck(n, args)
	case "expose", "volume":
		if len(args) == 0 {
			return errAtLeastOne(name)
		}
		if _, err := parseFlags(cmd, n.Flags); err != nil {
			return err
		}
		if cmd == "volume" {
			for _, v := range args {
				if strings.TrimSpace(v) == "" {
					return errors.New("VOLUME specified can not be an empty string")
				}
			}
		}
	case "arg":
		if len(args) == 0 {
			return errAtLeastOne(name)
		}
		for _, a := range args {
			if strings.HasPrefix(a, "=") {
				return errors.New("ARG names can not be blank")
			}
		}
	case "shell":
		if _, err := parseFlags(cmd, n.Flags); err != nil {
			return err
		}
		if len(args) == 0 {
			return errAtLeastOne(name)
		}
		if !n.Attributes["json"] {
			return errors.New("SHELL requires the arguments to be in JSON form")
		}
	default:
		return unknownInstruction(n.Value)
	}
	return nil
}

func errAtLeastOne(name string) error {
	return fmt.Errorf("%s requires at least one argument", name)
}

func errExactlyOne(name string) error {
	return fmt.Errorf("%s requires exactly one argument", name)
}

// stageName returns the lower-cased stage name of a FROM's arguments
// (image [AS name]), "" for an unnamed stage.
func stageName(args []string) (string, error) {
	switch {
	case len(args) == 3 && strings.EqualFold(args[1], "as"):
		name := strings.ToLower(args[2])
		if !validStageName.MatchString(name) {
			return name, fmt.Errorf("invalid name for build stage: %q, name can't start with a number or contain symbols", args[2])
		}
		return name, nil
	case len(args) == 1:
		return "", nil
	}
	return "", errors.New("FROM requires either one or three arguments")
}

// parseFlags checks an instruction's flags against the ones it accepts and
// returns the values given, by flag name.
func parseFlags(cmd string, flags []string) (map[string][]string, error) {
	allowed := instructionFlags[cmd]
	values := map[string][]string{}
	for _, f := range flags {
		if f == "--" {
			break
		}
		if !strings.HasPrefix(f, "--") {
			return nil, fmt.Errorf("arg should start with -- : %s", f)
		}
		name, value, hasValue := strings.Cut(f[2:], "=")
		kind, ok := allowed[name]
		if !ok {
			return nil, fmt.Errorf("unknown flag: --%s", name)
		}
		if _, seen := values[name]; seen && kind != flagList {
			return nil, fmt.Errorf("duplicate flag specified: --%s", name)
		}
		switch kind {
		case flagBool:
			if hasValue && value == "" {
				return nil, fmt.Errorf("missing a value on flag: --%s", name)
			}
			switch strings.ToLower(value) {
			case "", "true":
				value = "true"
			case "false":
				value = "false"
			default:
				return nil, fmt.Errorf("expecting boolean value for flag --%s, not: %s", name, value)
			}
		case flagString, flagList:
			if !hasValue {
				return nil, fmt.Errorf("missing a value on flag: --%s", name)
			}
		}
		values[name] = append(values[name], value)
	}
	return values, nil
}

// checkRunFlags checks the values of RUN's --device, --mount, --network and
// --security flags as far as buildkit does before variables are expanded.
func checkRunFlags(flags map[string][]string) error {
	for _, d := range flags["device"] {
		if err := checkDevice(d); err != nil {
			return err
		}
	}
	for _, m := range flags["mount"] {
		fields, err := csvFields(m)
		if err != nil {
			return fmt.Errorf("failed to parse csv mounts: %w", err)
		}
		for _, field := range fields {
			key, value, _ := strings.Cut(field, "=")
			if strings.ToLower(key) != "from" {
				continue
			}
			if i := strings.IndexByte(value, '$'); i >= 0 && i != len(value)-1 {
				return errors.New("'from' doesn't support variable expansion, define alias stage instead")
			}
		}
	}
	if v := flags["network"]; len(v) > 0 {
		switch v[0] {
		case "default", "none", "host":
		default:
			return fmt.Errorf("invalid network mode %q", v[0])
		}
	}
	if v := flags["security"]; len(v) > 0 && v[0] != "sandbox" && v[0] != "insecure" {
		return fmt.Errorf("security %q is not valid", v[0])
	}
	return nil
}

// checkDevice checks a --device value: a device name, optionally with
// name=... and required[=bool] fields.
func checkDevice(spec string) error {
	fields, err := csvFields(spec)
	if err != nil {
		return fmt.Errorf("failed to parse csv devices: %w", err)
	}
	named := false
	for _, field := range fields {
		key, value, ok := strings.Cut(field, "=")
		key = strings.ToLower(key)
		switch {
		case !ok && key == "required":
		case !ok || (key != "name" && key != "required"):
			if named {
				if !ok {
					return fmt.Errorf("invalid field '%s' must be a key=value pair", field)
				}
				return fmt.Errorf("unexpected key '%s' in '%s'", key, field)
			}
			named = true
		case key == "name":
			if named {
				return fmt.Errorf("device name already set")
			}
			named = true
		case key == "required":
			if _, err := strconv.ParseBool(value); err != nil {
				return fmt.Errorf("invalid value for %s: %s", key, value)
			}
		}
	}
	return nil
}

// csvFields splits one comma-separated record, honouring double quotes.
func csvFields(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	if !strings.ContainsAny(s, "\"\r\n") {
		return strings.Split(s, ","), nil
	}
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	fields, err := r.Read()
	if err != nil {
		return nil, err
	}
	if _, err := r.Read(); err == nil {
		return nil, errors.New("more than one record")
	}
	return fields, nil
}

// checkHealthcheck checks HEALTHCHECK NONE and HEALTHCHECK [options] CMD ...
func checkHealthcheck(n *parser.Node, args []string) error {
	if len(args) == 0 {
		return errAtLeastOne("HEALTHCHECK")
	}
	typ := strings.ToUpper(args[0])
	if typ == "NONE" {
		if len(args) != 1 {
			return errors.New("HEALTHCHECK NONE takes no arguments")
		}
		return nil
	}
	flags, err := parseFlags("healthcheck", n.Flags)
	if err != nil {
		return err
	}
	if typ != "CMD" {
		return fmt.Errorf("Unknown type %q in HEALTHCHECK (try CMD)", args[0])
	}
	if len(args) == 1 {
		return errors.New("Missing command after HEALTHCHECK CMD")
	}
	for _, name := range [...]string{"interval", "timeout", "start-period", "start-interval"} {
		v := flags[name]
		if len(v) == 0 || v[0] == "" {
			continue
		}
		d, err := time.ParseDuration(v[0])
		if err != nil {
			return fmt.Errorf("--%s: %w", name, err)
		}
		if d != 0 && d < time.Millisecond {
			return fmt.Errorf("Interval %q cannot be less than 1ms", name)
		}
	}
	if v := flags["retries"]; len(v) > 0 && v[0] != "" {
		r, err := strconv.ParseInt(v[0], 10, 32)
		if err != nil {
			return fmt.Errorf("--retries: %w", err)
		}
		if r < 0 {
			return fmt.Errorf("--retries cannot be negative (%d)", r)
		}
	}
	return nil
}

// unknownInstruction builds buildkit's error for an unknown instruction,
// with a suggestion when the word is close to a known one.
func unknownInstruction(word string) error {
	best, bestDist := "", 3
	lw := lower(word)
	for _, known := range instructionNames {
		if d := editDistance(lw, known); d < bestDist {
			best, bestDist = known, d
		}
	}
	if best != "" {
		return fmt.Errorf("unknown instruction: %s (did you mean %s?)", word, strings.ToUpper(best))
	}
	return fmt.Errorf("unknown instruction: %s", word)
}

// editDistance is the Levenshtein distance between two short ASCII words.
func editDistance(a, b string) int {
	if len(a) > 32 || len(b) > 32 {
		return 32
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
