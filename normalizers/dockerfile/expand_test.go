package dockerfile

import (
	"strings"
	"testing"
)

func TestArgScopeExpand(t *testing.T) {
	str := func(s string) *string { return &s }
	newScope := func(escape rune) *argScope {
		s := newArgScope(escape)
		for _, a := range []struct {
			name  string
			value *string
		}{
			{"A", str("1")},
			{"E", str("")},
			{"V", str("1.2.3")},
			{"U", nil},
			{"B", str("${A}x")},
			{"C", str("$U")},
			{"D", str("${U:-fallback}")},
			{"A", nil}, // redeclared without default: keeps "1"
			{"Q", str(`"a b"`)},
		} {
			if err := s.declare(a.name, a.value); err != nil {
				t.Fatalf("declare %s: %v", a.name, err)
			}
		}
		return s
	}
	tests := []struct {
		word    string
		want    string
		known   bool
		wantErr bool
	}{
		{word: "alpine:3.19", want: "alpine:3.19", known: true},
		{word: "$A", want: "1", known: true},
		{word: "${A}", want: "1", known: true},
		{word: "img:${B}", want: "img:1x", known: true},
		{word: "${D}", want: "fallback", known: true},
		{word: "${Q}", want: "a b", known: true},
		{word: "${U:-d}", want: "d", known: true},
		{word: "${U-d}", want: "d", known: true},
		{word: "${UNDECLARED:-d}", want: "d", known: true},
		{word: "${A:-d}", want: "1", known: true},
		{word: "${E:-d}", want: "d", known: true},
		{word: "${E-d}", want: "", known: true},
		{word: "${A:+x}", want: "x", known: true},
		{word: "${E:+x}", want: "", known: true},
		{word: "${A+x}", want: "x", known: true},
		{word: "${U:-$A}", want: "1", known: true},
		{word: "${A:-$U}", want: "1", known: true},
		{word: "${V%.*}", want: "1.2", known: true},
		{word: "${V%%.*}", want: "1", known: true},
		{word: "${V#*.}", want: "2.3", known: true},
		{word: "${V/./-}", want: "1-2.3", known: true},
		{word: "${V//./-}", want: "1-2-3", known: true},
		{word: `\$A`, want: "$A", known: true},
		{word: `"$A"`, want: "1", known: true},
		{word: `'$A'`, want: "$A", known: true},
		{word: "$", want: "$", known: true},
		{word: "a$/b", want: "a$/b", known: true},
		{word: "$U", want: "$U", known: false},
		{word: "${U}", want: "${U}", known: false},
		{word: "img:$UNDECLARED", want: "img:$UNDECLARED", known: false},
		{word: "${U:+x}", want: "${U:+x}", known: false},
		{word: "${U:?required}", want: "${U:?required}", known: false},
		{word: "${U:-$W}", want: "${U:-$W}", known: false},
		{word: "$C", want: "$C", known: false},
		{word: "${C:-d}", want: "${C:-d}", known: false},
		{word: "${TARGETARCH:-amd64}", want: "${TARGETARCH:-amd64}", known: false},
		{word: "$A/$TARGETOS", want: "1/$TARGETOS", known: false},
		{word: "${A:-}", want: "1", known: true},
		{word: "${A", wantErr: true},
		{word: "${}", wantErr: true},
		{word: "${:-x}", wantErr: true},
		{word: `"unterminated`, wantErr: true},
		{word: "'unterminated", wantErr: true},
		{word: "${U:-'}'}", want: "}", known: true},
		{word: strings.Repeat("${U:-", 100) + "x" + strings.Repeat("}", 100), wantErr: true},
	}
	s := newScope('\\')
	for _, tt := range tests {
		got, known, err := s.expand(tt.word)
		if tt.wantErr {
			if err == nil {
				t.Errorf("expand(%q) = %q, %v; want an error", tt.word, got, known)
			} else if got != tt.word || known {
				t.Errorf("expand(%q) failed but returned %q, %v; want the word, unknown", tt.word, got, known)
			}
			continue
		}
		if err != nil || got != tt.want || known != tt.known {
			t.Errorf("expand(%q) = %q, %v, %v; want %q, %v", tt.word, got, known, err, tt.want, tt.known)
		}
	}

	bt := newScope('`')
	if got, known, err := bt.expand("`$A-$A"); got != "$A-1" || !known || err != nil {
		t.Errorf("backtick escape: %q, %v, %v", got, known, err)
	}
}

func TestArgScopeGrowth(t *testing.T) {
	s := newArgScope('\\')
	v := "xy"
	if err := s.declare("A", &v); err != nil {
		t.Fatal(err)
	}
	double := "$A$A$A$A"
	var err error
	for i := 0; i < 40 && err == nil; i++ {
		err = s.declare("A", &double)
	}
	if err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("err = %v", err)
	}
	if got, known, _ := s.expand("$A"); known || got != "$A" {
		t.Errorf("expand = %q, %v; want unknown", got, known)
	}
}

func TestSplitImage(t *testing.T) {
	tests := []struct {
		ref  string
		want imageRef
	}{
		{"alpine", imageRef{name: "alpine"}},
		{"alpine:3.19", imageRef{name: "alpine", tag: "3.19"}},
		{"library/alpine:3.19", imageRef{name: "library/alpine", tag: "3.19"}},
		{"localhost/app", imageRef{registry: "localhost", name: "app"}},
		{"localhost:5000/app:1.0", imageRef{registry: "localhost:5000", name: "app", tag: "1.0"}},
		{"ghcr.io/x/y@sha256:abc", imageRef{registry: "ghcr.io", name: "x/y", digest: "sha256:abc"}},
		{"ghcr.io/x/y:v1@sha256:abc", imageRef{registry: "ghcr.io", name: "x/y", tag: "v1", digest: "sha256:abc"}},
		{"registry:5000/team/app", imageRef{registry: "registry:5000", name: "team/app"}},
		{"Host/app", imageRef{registry: "Host", name: "app"}},
		{"scratch", imageRef{name: "scratch"}},
		{"", imageRef{}},
		{"a:b:c", imageRef{name: "a:b", tag: "c"}},
		{"@sha256:x", imageRef{digest: "sha256:x"}},
	}
	for _, tt := range tests {
		if got := splitImage(tt.ref); got != tt.want {
			t.Errorf("splitImage(%q) = %+v, want %+v", tt.ref, got, tt.want)
		}
	}
}
