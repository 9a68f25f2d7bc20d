package sandbox

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestRel(t *testing.T) {
	s := &FS{root: "x", rootDisp: "infra"}
	dot := &FS{root: "x", rootDisp: "."}
	for _, c := range []struct {
		fs      *FS
		p, want string
		ok      bool
	}{
		{s, "infra", ".", true},
		{s, "infra/a/../main.tf", "main.tf", true},
		{s, "infra/mod/main.tf", "mod/main.tf", true},
		{s, "infrastructure/main.tf", "", false},
		{s, "infra/../other/main.tf", "", false},
		{dot, "main.tf", "main.tf", true},
		{dot, "../main.tf", "", false},
		{dot, "/etc/passwd", "", false},
		{New(""), "main.tf", "", false},
	} {
		got, ok := c.fs.Rel(c.p)
		if got != c.want || ok != c.ok {
			t.Errorf("Rel(%q) under %q = %q, %v; want %q, %v", c.p, c.fs.rootDisp, got, ok, c.want, c.ok)
		}
		if c.fs.Within(c.p) != c.ok {
			t.Errorf("Within(%q) under %q = %v", c.p, c.fs.rootDisp, !c.ok)
		}
	}
}

func TestReadFileAndList(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	root := filepath.Join(dir, "root")
	write := func(p, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "main.tf"), "inside")
	write(filepath.Join(root, "b.tfvars"), "")
	write(filepath.Join(root, "sub", "x.tf"), "")
	write(filepath.Join(outside, "secret"), "secret")
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "link")); err != nil {
		t.Skip(err)
	}
	big, err := os.Create(filepath.Join(root, "big"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxReadSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()

	s := New(root)
	disp := s.rootDisp
	if !s.CanRead() || s.Root() != root {
		t.Fatalf("New(%s): CanRead %v, Root %q", root, s.CanRead(), s.Root())
	}
	if b, err := s.ReadFile(disp + "/main.tf"); err != nil || string(b) != "inside" {
		t.Errorf("ReadFile(main.tf) = %q, %v", b, err)
	}
	for p, want := range map[string]string{
		disp + "/link":      ErrOutside.Error(),
		disp + "/../secret": ErrOutside.Error(),
		disp + "/sub":       "is not a regular file",
		disp + "/big":       "is larger than",
		disp + "/none":      "no such file",
	} {
		if _, err := s.ReadFile(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %v; want an error with %q", p, err, want)
		}
	}
	names, err := s.List(disp, func(n string) bool { return n != "big" })
	if want := []string{"b.tfvars", "link", "main.tf"}; err != nil || !slices.Equal(names, want) {
		t.Errorf("List = %v, %v; want %v", names, err, want)
	}

	for _, closed := range []*FS{New(""), New(filepath.Join(root, "main.tf"))} {
		if closed.CanRead() {
			t.Errorf("CanRead() = true for root %q", closed.root)
		}
		if _, err := closed.ReadFile(disp + "/main.tf"); !errors.Is(err, ErrOutside) {
			t.Errorf("ReadFile with root %q = %v; want ErrOutside", closed.root, err)
		}
	}
}
