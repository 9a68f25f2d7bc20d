package cli

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInterspersed(t *testing.T) {
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	tests := []struct{ in, want string }{
		{"rampart scan dir --format json", "rampart scan --format json dir"},
		{"rampart scan dir -f json -o out.json other", "rampart scan -f json -o out.json dir other"},
		{"rampart scan dir --quiet --fail-on=low", "rampart scan --quiet --fail-on=low dir"},
		{"rampart scan --quiet dir", "rampart scan --quiet dir"},
		{"rampart scan dir -- --weird-dir", "rampart scan dir -- --weird-dir"},
		{"rampart policies show RMP-K8S-001 --policy mine", "rampart policies show --policy mine RMP-K8S-001"},
		{"rampart test good -v --run x", "rampart test -v --run x good"},
		{"rampart --help", "rampart --help"},
		{"rampart nosuch a -b", "rampart nosuch a -b"},
	}
	for _, tc := range tests {
		got := strings.Join(interspersed(app, strings.Fields(tc.in)), " ")
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("interspersed(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := progressBar(&b)
	bar(1, 10)
	if b.Len() != 0 {
		t.Errorf("progress drawn for a short scan: %q", b.String())
	}
	bar(1, 400)
	bar(400, 400)
	out := b.String()
	if !strings.Contains(out, "1/400") || !strings.Contains(out, "400/400") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress output %q", out)
	}
}
